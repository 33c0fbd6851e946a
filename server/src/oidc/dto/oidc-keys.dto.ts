import { ApiProperty } from '@nestjs/swagger';

/** The provider's signing keys after a rotation: ids only, never key material. */
export class OidcKeysDto {
  @ApiProperty({ description: 'The key that signs ID tokens from now on (its `kid` in the JWKS)' })
  signingKeyId: string;

  @ApiProperty({ type: [String], description: 'Every key published in the JWKS: the new one, then the previous one' })
  publishedKeyIds: string[];
}
