/** REST bodies and reports of an admin's account work: edit, new password, class import. */
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import {
  IsBoolean,
  IsEmail,
  IsInt,
  IsOptional,
  IsString,
  Length,
  Max,
  MaxLength,
  Min,
} from 'class-validator';
import {
  MAX_IMPORT_ROWS,
  type ImportedUser,
  type ImportRefusal,
  type ImportUsersReport,
  type ImportUsersRequest,
  type ResetPasswordRequest,
  type UpdateUserRequest,
} from '@exam/contracts';

export class UpdateUserDto implements UpdateUserRequest {
  @ApiPropertyOptional({ maxLength: 200 })
  @IsOptional()
  @IsString()
  @Length(1, 200)
  displayName?: string;

  @ApiPropertyOptional({ example: 'student4@demo.school' })
  @IsOptional()
  @IsEmail({}, { message: 'email must be an email address like name@school.org' })
  @MaxLength(254)
  email?: string;

  @ApiPropertyOptional({
    minimum: 0,
    maximum: 300,
    description:
      'Students: extra time in percent; sessions still being planned take it at once, launched ones keep theirs',
  })
  @IsOptional()
  @IsInt()
  @Min(0)
  @Max(300)
  extraTimePercent?: number;
}

export class ResetPasswordDto implements ResetPasswordRequest {
  @ApiProperty({ minLength: 8 })
  @IsString()
  @Length(8, 200, { message: 'password must be 8 to 200 characters long' })
  password: string;
}

export class ImportUsersDto implements ImportUsersRequest {
  @ApiProperty({
    description: `CSV with a header row: email, name (required); role, extra time, password (optional). At most ${MAX_IMPORT_ROWS} rows.`,
    example: 'email,name,role,extra time\nava@school.org,Ava Brown,student,25\n',
  })
  @IsString()
  @MaxLength(1_000_000)
  csv: string;

  @ApiPropertyOptional({ description: 'Check and report only; create nothing' })
  @IsOptional()
  @IsBoolean()
  dryRun?: boolean;
}

export class ImportedUserDto implements ImportedUser {
  @ApiProperty() line: number;
  @ApiProperty({ type: String, nullable: true, description: 'null in a dry run' }) id:
    string | null;
  @ApiProperty() email: string;
  @ApiProperty() displayName: string;
  @ApiProperty({ enum: ['teacher', 'student'] }) role: 'teacher' | 'student';
  @ApiProperty() extraTimePercent: number;
  @ApiProperty({
    type: String,
    nullable: true,
    description: 'Only when the file had no password for the row: shown once, never stored',
  })
  generatedPassword: string | null;
}

export class ImportRefusalDto implements ImportRefusal {
  @ApiProperty() line: number;
  @ApiProperty({ type: String, nullable: true }) email: string | null;
  @ApiProperty() reason: string;
}

export class ImportUsersReportDto implements ImportUsersReport {
  @ApiProperty() dryRun: boolean;
  @ApiProperty({ type: [ImportedUserDto] }) created: ImportedUser[];
  @ApiProperty({ type: [ImportRefusalDto] }) refused: ImportRefusal[];
}
