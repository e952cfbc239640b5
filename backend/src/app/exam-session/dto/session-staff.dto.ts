/** REST bodies and views of a session's staff (co-teachers and invigilators). */
import { ApiProperty } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { ArrayMaxSize, IsArray, IsIn, IsUUID, ValidateNested } from 'class-validator';
import {
  MAX_SESSION_STAFF,
  STAFF_ROLES,
  type SessionStaffMember,
  type SetSessionStaffRequest,
  type StaffRole,
} from '@exam/contracts';

export class StaffEntryDto {
  @ApiProperty({ format: 'uuid', description: 'A teacher of your academy' })
  @IsUUID()
  userId: string;

  @ApiProperty({
    enum: STAFF_ROLES,
    description:
      'co_teacher: everything the session teacher can do; invigilator: runs the live exam only',
  })
  @IsIn(STAFF_ROLES, { message: `role must be one of ${STAFF_ROLES.join(', ')}` })
  role: StaffRole;
}

export class SetSessionStaffDto implements SetSessionStaffRequest {
  @ApiProperty({ type: [StaffEntryDto], maxItems: MAX_SESSION_STAFF })
  @IsArray()
  @ArrayMaxSize(MAX_SESSION_STAFF)
  @ValidateNested({ each: true })
  @Type(() => StaffEntryDto)
  staff: StaffEntryDto[];
}

export class SessionStaffMemberDto implements SessionStaffMember {
  @ApiProperty({ format: 'uuid' }) userId: string;
  @ApiProperty() displayName: string;
  @ApiProperty() email: string;
  @ApiProperty({ enum: STAFF_ROLES }) role: StaffRole;
  @ApiProperty({ description: 'epoch ms' }) addedAt: number;
}
