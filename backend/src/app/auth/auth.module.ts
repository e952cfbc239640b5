/**
 * Auth: academies, users, tokens, the global JWT + roles guard, and the token check the
 * realtime handshake uses.
 */
import { Module, type OnModuleInit } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { JwtModule } from '@nestjs/jwt';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AcademyDirectory } from './academy-directory.service';
import { UserAdminService } from './user-admin.service';
import { AccountChecks } from './account-checks.service';
import { AuthController } from './auth.controller';
import { AuthEvents } from './auth-events';
import { AuthService } from './auth.service';
import { AcademyEntity } from './entities/academy.entity';
import { RefreshTokenEntity } from './entities/refresh-token.entity';
import { UserEntity } from './entities/user.entity';
import { JwtAuthGuard } from './jwt-auth.guard';
import { LoginLimiterService } from './login-limiter.service';
import { TokenService } from './token.service';
import { UsersController } from './users.controller';
import { UsersService } from './users.service';

@Module({
  imports: [
    TypeOrmModule.forFeature([AcademyEntity, UserEntity, RefreshTokenEntity]),
    // Secret, algorithm, issuer and audience are passed on every sign/verify call.
    JwtModule.register({}),
  ],
  controllers: [AuthController, UsersController],
  providers: [
    AuthService,
    UsersService,
    TokenService,
    LoginLimiterService,
    AuthEvents,
    AcademyDirectory,
    AccountChecks,
    UserAdminService,
    { provide: APP_GUARD, useClass: JwtAuthGuard },
  ],
  exports: [TokenService, UsersService, AuthEvents, AcademyDirectory, AccountChecks, TypeOrmModule],
})
export class AuthModule implements OnModuleInit {
  constructor(private readonly tokens: TokenService) {}

  async onModuleInit(): Promise<void> {
    await this.tokens.loadRecentRevocations();
  }
}
