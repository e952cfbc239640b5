import { Body, Controller, Get, HttpCode, Ip, Post } from '@nestjs/common';
import {
  ApiBearerAuth,
  ApiNoContentResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
} from '@nestjs/swagger';
import type { LoginResponse, TokenPair, UserView } from '@exam/contracts';
import { ApiErrors } from '../common/api-errors.decorator';
import type { AuthUser } from './auth-user';
import { AuthService } from './auth.service';
import { CurrentUser, Public } from './decorators';
import { ChangePasswordDto, LoginDto, LogoutDto, RefreshDto } from './dto/auth.dto';
import { LoginResponseDto, TokenPairDto, UserViewDto } from './dto/auth-views.dto';

@ApiTags('auth')
@Controller({ path: 'auth', version: '1' })
export class AuthController {
  constructor(private readonly auth: AuthService) {}

  @Public()
  @Post('login')
  @HttpCode(200)
  @ApiOperation({
    summary: 'Sign in with email and password; returns an access token and a refresh token',
  })
  @ApiOkResponse({ type: LoginResponseDto })
  @ApiErrors(400, 401, 429)
  login(@Body() body: LoginDto, @Ip() ip: string): Promise<LoginResponse> {
    return this.auth.login(body.email, body.password, ip);
  }

  @Public()
  @Post('refresh')
  @HttpCode(200)
  @ApiOperation({
    summary: 'Trade a refresh token for a new pair (rotation; reuse revokes the login)',
  })
  @ApiOkResponse({ type: TokenPairDto })
  @ApiErrors(400, 401)
  refresh(@Body() body: RefreshDto): Promise<TokenPair> {
    return this.auth.refresh(body.refreshToken);
  }

  @Post('logout')
  @HttpCode(204)
  @ApiBearerAuth()
  @ApiOperation({ summary: 'Sign out: revokes this login and closes its live connections' })
  @ApiNoContentResponse({ description: 'Signed out' })
  @ApiErrors(400, 401)
  async logout(@CurrentUser() user: AuthUser, @Body() body: LogoutDto): Promise<void> {
    await this.auth.logout(user, body.refreshToken);
  }

  @Get('me')
  @ApiBearerAuth()
  @ApiOperation({ summary: 'The signed-in user' })
  @ApiOkResponse({ type: UserViewDto })
  @ApiErrors(401)
  me(@CurrentUser() user: AuthUser): Promise<UserView> {
    return this.auth.me(user);
  }

  @Post('change-password')
  @HttpCode(204)
  @ApiBearerAuth()
  @ApiOperation({ summary: 'Change your password; signs out every login of this user' })
  @ApiNoContentResponse({ description: 'Password changed; every login signed out' })
  @ApiErrors(400, 401)
  async changePassword(
    @CurrentUser() user: AuthUser,
    @Body() body: ChangePasswordDto,
  ): Promise<void> {
    await this.auth.changePassword(user, body.currentPassword, body.newPassword);
  }
}
