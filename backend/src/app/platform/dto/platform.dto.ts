/** REST bodies and response shapes of setup, the operator's academies and academy settings. */
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  IsIn,
  IsInt,
  IsOptional,
  IsString,
  Length,
  Max,
  MaxLength,
  Min,
  ValidateIf,
  ValidateNested,
} from 'class-validator';
import {
  ACADEMY_STATUSES,
  type AcademyStatus,
  type AcademyUserCounts,
  type AcademyView,
  type RetentionDefaults,
  type CreateAcademyRequest,
  type NewAdminRequest,
  type SetupRequest,
  type SetupResponse,
  type SetupStatus,
  type SuspendAcademyRequest,
  type UpdateAcademyRequest,
  type UserView,
} from '@exam/contracts';
import { PageQuery } from '../../common/page-query.dto';
import { UserViewDto } from '../../auth/dto/auth-views.dto';
import { NewAccountDto } from '../../auth/dto/auth.dto';

const TZ_DOC = {
  example: 'Europe/Paris',
  description: 'IANA time zone: scheduled sessions and every time shown (default UTC)',
};
const DAYS_DOC = (what: string) => ({
  type: Number,
  nullable: true,
  minimum: 1,
  maximum: 3650,
  description: `${what} (null = the server default)`,
});

export class NewAdminDto extends NewAccountDto implements NewAdminRequest {}

class RetentionFields {
  @ApiPropertyOptional(DAYS_DOC('Days after which finished sessions move to the archive'))
  @IsOptional()
  @ValidateIf((_, v) => v !== null)
  @IsInt()
  @Min(1)
  @Max(3650)
  archiveAfterDays?: number | null;

  @ApiPropertyOptional(DAYS_DOC("Days the security log keeps this academy's events"))
  @IsOptional()
  @ValidateIf((_, v) => v !== null)
  @IsInt()
  @Min(1)
  @Max(3650)
  securityLogDays?: number | null;
}

export class CreateAcademyDto extends RetentionFields implements CreateAcademyRequest {
  @ApiProperty({ example: 'Northside High School' })
  @IsString()
  @Length(1, 200)
  name: string;

  @ApiPropertyOptional(TZ_DOC)
  @IsOptional()
  @IsString()
  @MaxLength(64)
  timeZone?: string;

  @ApiPropertyOptional({ type: NewAdminDto, description: "The academy's first admin" })
  @IsOptional()
  @ValidateNested()
  @Type(() => NewAdminDto)
  admin?: NewAdminDto;
}

export class UpdateAcademyDto extends RetentionFields implements UpdateAcademyRequest {
  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  @Length(1, 200)
  name?: string;

  @ApiPropertyOptional(TZ_DOC)
  @IsOptional()
  @IsString()
  @MaxLength(64)
  timeZone?: string;
}

export class SuspendAcademyDto implements SuspendAcademyRequest {
  @ApiPropertyOptional({ maxLength: 500 })
  @IsOptional()
  @IsString()
  @MaxLength(500)
  reason?: string;
}

export class ListAcademiesQueryDto extends PageQuery(50, 200) {
  @ApiPropertyOptional({ description: 'Part of the name' })
  @IsOptional()
  @IsString()
  @MaxLength(100)
  search?: string;

  @ApiPropertyOptional({ enum: ACADEMY_STATUSES })
  @IsOptional()
  @IsIn(ACADEMY_STATUSES, { message: 'status must be active or suspended' })
  status?: AcademyStatus;
}

class SetupAcademyDto {
  @ApiProperty({ example: 'Northside High School' })
  @IsString()
  @Length(1, 200)
  name: string;

  @ApiPropertyOptional(TZ_DOC)
  @IsOptional()
  @IsString()
  @MaxLength(64)
  timeZone?: string;
}

export class SetupDto implements SetupRequest {
  @ApiProperty({ description: "The one-time setup token printed in the server's log at start" })
  @IsString()
  @Length(1, 200)
  token: string;

  @ApiProperty({ type: SetupAcademyDto })
  @ValidateNested()
  @Type(() => SetupAcademyDto)
  academy: SetupAcademyDto;

  @ApiProperty({ type: NewAdminDto })
  @ValidateNested()
  @Type(() => NewAdminDto)
  admin: NewAdminDto;
}

/* ---------- responses ---------- */

export class AcademyUserCountsDto implements AcademyUserCounts {
  @ApiProperty() admins: number;
  @ApiProperty() teachers: number;
  @ApiProperty() students: number;
}

export class RetentionDefaultsDto implements RetentionDefaults {
  @ApiProperty({ description: 'ARCHIVE_AFTER_DAYS' }) archiveAfterDays: number;
  @ApiProperty({ description: 'SECURITY_LOG_RETENTION_DAYS' }) securityLogDays: number;
}

export class AcademyViewDto implements AcademyView {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty() name: string;
  @ApiProperty(TZ_DOC) timeZone: string;
  @ApiProperty({ type: Number, nullable: true }) archiveAfterDays: number | null;
  @ApiProperty({ type: Number, nullable: true }) securityLogDays: number | null;
  @ApiProperty({ type: RetentionDefaultsDto, description: 'what null means on this server' })
  defaults: RetentionDefaults;
  @ApiProperty({ enum: ACADEMY_STATUSES }) status: AcademyStatus;
  @ApiProperty({ type: Number, nullable: true, description: 'epoch ms' }) suspendedAt:
    number | null;
  @ApiProperty({ type: String, nullable: true }) suspendedReason: string | null;
  @ApiProperty({ type: AcademyUserCountsDto }) users: AcademyUserCounts;
  @ApiProperty({ format: 'date-time' }) createdAt: string;
}

export class AcademyPageDto {
  @ApiProperty({ type: [AcademyViewDto] }) items: AcademyView[];
  @ApiProperty() total: number;
  @ApiProperty() page: number;
  @ApiProperty() pageSize: number;
}

export class SetupStatusDto implements SetupStatus {
  @ApiProperty({ description: 'true while the server has no account at all' }) needed: boolean;
}

export class SetupResponseDto implements SetupResponse {
  @ApiProperty({ type: AcademyViewDto }) academy: AcademyView;
  @ApiProperty({ type: UserViewDto }) admin: UserView;
}
