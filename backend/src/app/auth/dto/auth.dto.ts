/** REST bodies of the auth and user routes; each class implements its contract type. */
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import {
  IsBoolean,
  IsEmail,
  IsIn,
  IsInt,
  IsOptional,
  IsString,
  Length,
  Max,
  MaxLength,
  Min,
  MinLength,
} from 'class-validator';
import type {
  ChangePasswordRequest,
  CreateUserRequest,
  LoginRequest,
  LogoutRequest,
  RefreshRequest,
  Role,
} from '@exam/contracts';
import { PageQuery } from '../../common/page-query.dto';
import { toBool } from '../../common/to-bool';
import { Transform } from 'class-transformer';

export class LoginDto implements LoginRequest {
  @ApiProperty({ example: 'teacher@demo.school' })
  @IsString()
  @MaxLength(254)
  email: string;

  @ApiProperty({ example: 'demo-teacher-pass' })
  @IsString()
  @MaxLength(200)
  password: string;
}

export class RefreshDto implements RefreshRequest {
  @ApiProperty()
  @IsString()
  @Length(10, 200)
  refreshToken: string;
}

export class LogoutDto implements LogoutRequest {
  @ApiPropertyOptional({
    description:
      'Revoke this login (refresh-token family). Without it, the login of the access token is revoked.',
  })
  @IsOptional()
  @IsString()
  @Length(10, 200)
  refreshToken?: string;
}

/** Email, name and first password: what every new account is made of. */
export class NewAccountDto {
  @ApiProperty({ example: 'student4@demo.school' })
  @IsEmail({}, { message: 'email must be an email address like name@school.org' })
  @MaxLength(254)
  email: string;

  @ApiProperty({ example: 'Dana Student' })
  @IsString()
  @Length(1, 200)
  displayName: string;

  @ApiProperty({ minLength: 8 })
  @IsString()
  @Length(8, 200, { message: 'password must be 8 to 200 characters long' })
  password: string;
}

export class CreateUserDto extends NewAccountDto implements CreateUserRequest {
  @ApiProperty({ enum: ['teacher', 'student'] })
  @IsIn(['teacher', 'student'], { message: 'role must be teacher or student' })
  role: Exclude<Role, 'admin' | 'operator'>;

  @ApiPropertyOptional({
    description: 'Accommodation: extra time in percent on every exam',
    minimum: 0,
    maximum: 300,
  })
  @IsOptional()
  @IsInt()
  @Min(0)
  @Max(300)
  extraTimePercent?: number;
}

export class ChangePasswordDto implements ChangePasswordRequest {
  @ApiProperty()
  @IsString()
  @MaxLength(200)
  currentPassword: string;

  @ApiProperty({ minLength: 8 })
  @IsString()
  @MinLength(8, { message: 'newPassword must be at least 8 characters long' })
  @MaxLength(200)
  newPassword: string;
}

export class ListUsersQueryDto extends PageQuery(50, 200) {
  @ApiPropertyOptional({ enum: ['admin', 'teacher', 'student'] })
  @IsOptional()
  @IsIn(['admin', 'teacher', 'student'])
  role?: Role;

  @ApiPropertyOptional({ description: 'Matches name or email' })
  @IsOptional()
  @IsString()
  @MaxLength(100)
  search?: string;

  @ApiPropertyOptional({ description: 'Only active (true) or deactivated (false) accounts' })
  @IsOptional()
  @Transform(toBool)
  @IsBoolean({ message: 'active must be true or false' })
  active?: boolean;
}
