import { Global, Module } from '@nestjs/common';
import { SecretsRepository } from './secrets.repository';

@Global()
@Module({ providers: [SecretsRepository], exports: [SecretsRepository] })
export class SecretsModule {}
