import { Injectable } from '@nestjs/common';
import { AuthService } from '../auth/auth.service';
import type { AuthContext } from '../auth/auth.types';
import { fieldErrors } from '../common/api-error';
import { UserRepository } from '../users/user.repository';
import { AvatarService } from './avatar.service';
import { MeDto, UpdateMeDto } from './dto/me.dto';

/** One's own account: display name and password (a member's page; admins may use it too). */
@Injectable()
export class MeService {
  constructor(
    private readonly users: UserRepository,
    private readonly auth: AuthService,
    private readonly avatars: AvatarService,
  ) {}

  get(auth: AuthContext): MeDto {
    return MeDto.from(auth.user, this.avatars.updatedAt(auth.user.id));
  }

  async update(auth: AuthContext, dto: UpdateMeDto, address: string): Promise<MeDto> {
    if ((dto.newPassword === undefined) !== (dto.currentPassword === undefined)) {
      const field = dto.newPassword === undefined ? 'newPassword' : 'currentPassword';
      throw fieldErrors([{ field, code: 'required', message: `${field} is required to change the password` }]);
    }
    if (dto.newPassword?.toLowerCase().includes(auth.user.username)) {
      throw fieldErrors([
        { field: 'newPassword', code: 'containsUsername', message: 'newPassword must not contain the username' },
      ]);
    }
    if (dto.newPassword !== undefined && dto.currentPassword !== undefined) {
      await this.auth.changePassword(auth, dto.currentPassword, dto.newPassword, address);
    }
    if (dto.displayName !== undefined) await this.users.updateDisplayName(auth.user.id, dto.displayName);
    const user = await this.users.findById(auth.user.id);
    return MeDto.from(user ?? auth.user, this.avatars.updatedAt(auth.user.id));
  }
}
