/** Response shapes for the OpenAPI document (the contract types are the source of truth). */
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import {
  ROLES,
  type LoginResponse,
  type Page,
  type Role,
  type TokenPair,
  type UserView,
} from '@exam/contracts';

export class UserViewDto implements UserView {
  @ApiProperty() id: string;
  @ApiProperty() email: string;
  @ApiProperty() displayName: string;
  @ApiProperty({ enum: ROLES }) role: Role;
  @ApiProperty() academyId: string;
  @ApiPropertyOptional() academyName?: string;
  @ApiPropertyOptional({ description: "The academy's IANA time zone", example: 'Europe/Paris' })
  academyTimeZone?: string;
  @ApiProperty() extraTimePercent: number;
  @ApiProperty({ description: 'false while an admin has deactivated the account' })
  active: boolean;
  @ApiProperty() createdAt: string;
}

export class TokenPairDto implements TokenPair {
  @ApiProperty() accessToken: string;
  @ApiProperty({ description: 'seconds' }) expiresIn: number;
  @ApiProperty() refreshToken: string;
  @ApiProperty({ enum: ['Bearer'] }) tokenType: 'Bearer';
}

export class LoginResponseDto extends TokenPairDto implements LoginResponse {
  @ApiProperty({ type: UserViewDto }) user: UserView;
}

export class UserPageDto implements Page<UserView> {
  @ApiProperty({ type: [UserViewDto] }) items: UserView[];
  @ApiProperty() total: number;
  @ApiProperty() page: number;
  @ApiProperty() pageSize: number;
}
