import {
  Body,
  Controller,
  Get,
  HttpCode,
  Param,
  ParseUUIDPipe,
  Patch,
  Post,
  Query,
} from '@nestjs/common';
import {
  ApiBearerAuth,
  ApiCreatedResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
} from '@nestjs/swagger';
import type { ImportUsersReport, Page, UserView } from '@exam/contracts';
import { ApiErrors } from '../common/api-errors.decorator';
import type { AuthUser } from './auth-user';
import { CurrentUser, Roles } from './decorators';
import { CreateUserDto, ListUsersQueryDto } from './dto/auth.dto';
import { UserPageDto, UserViewDto } from './dto/auth-views.dto';
import {
  ImportUsersDto,
  ImportUsersReportDto,
  ResetPasswordDto,
  UpdateUserDto,
} from './dto/user-admin.dto';
import { UserAdminService } from './user-admin.service';
import { toUserView, UsersService } from './users.service';

@ApiTags('users')
@ApiBearerAuth()
@Controller({ path: 'users', version: '1' })
export class UsersController {
  constructor(
    private readonly users: UsersService,
    private readonly admin: UserAdminService,
  ) {}

  @Post()
  @Roles('admin')
  @ApiOperation({ summary: 'Create a teacher or student in your academy (admins)' })
  @ApiCreatedResponse({ type: UserViewDto })
  @ApiErrors(400, 401, 403, 409)
  async create(@CurrentUser() actor: AuthUser, @Body() body: CreateUserDto): Promise<UserView> {
    return toUserView(await this.users.create(actor.academyId, body));
  }

  @Get()
  @Roles('admin', 'teacher')
  @ApiOperation({
    summary: 'List users of your academy, e.g. students to enrol (admins, teachers)',
  })
  @ApiOkResponse({ type: UserPageDto })
  @ApiErrors(400, 401, 403)
  list(@CurrentUser() actor: AuthUser, @Query() q: ListUsersQueryDto): Promise<Page<UserView>> {
    return this.users.list(actor, q);
  }

  @Post(':id/deactivate')
  @HttpCode(200)
  @Roles('admin')
  @ApiOperation({
    summary:
      'Deactivate a teacher or student of your academy: every login ends at once (sockets closed), sign-in refused; their answers and results stay (admins)',
  })
  @ApiOkResponse({ type: UserViewDto })
  @ApiErrors(400, 401, 403, 404, 409)
  async deactivate(@CurrentUser() actor: AuthUser, @Param('id', new ParseUUIDPipe()) id: string) {
    return toUserView(await this.admin.setActive(actor, id, false));
  }

  @Post(':id/reactivate')
  @HttpCode(200)
  @Roles('admin')
  @ApiOperation({ summary: 'Reactivate a deactivated teacher or student (admins)' })
  @ApiOkResponse({ type: UserViewDto })
  @ApiErrors(400, 401, 403, 404, 409)
  async reactivate(@CurrentUser() actor: AuthUser, @Param('id', new ParseUUIDPipe()) id: string) {
    return toUserView(await this.admin.setActive(actor, id, true));
  }

  @Post('import')
  @HttpCode(200)
  @Roles('admin')
  @ApiOperation({
    summary:
      'Import a class from CSV (admins): the rows that can be taken are created, each other row is reported with its line and what to fix; dryRun checks only',
  })
  @ApiOkResponse({ type: ImportUsersReportDto })
  @ApiErrors(400, 401, 403)
  importClass(
    @CurrentUser() actor: AuthUser,
    @Body() body: ImportUsersDto,
  ): Promise<ImportUsersReport> {
    return this.admin.importClass(actor, body);
  }

  @Patch(':id')
  @Roles('admin')
  @ApiOperation({
    summary:
      "Change a teacher's or student's name, email or (students) extra time (admins); sessions still being planned take the new extra time",
  })
  @ApiOkResponse({ type: UserViewDto })
  @ApiErrors(400, 401, 403, 404, 409)
  async update(
    @CurrentUser() actor: AuthUser,
    @Param('id', new ParseUUIDPipe()) id: string,
    @Body() body: UpdateUserDto,
  ): Promise<UserView> {
    return toUserView(await this.admin.update(actor, id, body));
  }

  @Post(':id/reset-password')
  @HttpCode(200)
  @Roles('admin')
  @ApiOperation({
    summary:
      'Set a new password for a teacher or student who forgot theirs (admins): every login of theirs ends at once',
  })
  @ApiOkResponse({ type: UserViewDto })
  @ApiErrors(400, 401, 403, 404)
  async resetPassword(
    @CurrentUser() actor: AuthUser,
    @Param('id', new ParseUUIDPipe()) id: string,
    @Body() body: ResetPasswordDto,
  ): Promise<UserView> {
    return toUserView(await this.admin.resetPassword(actor, id, body.password));
  }

  @Get(':id')
  @Roles('admin', 'teacher')
  @ApiOperation({ summary: 'One user of your academy' })
  @ApiOkResponse({ type: UserViewDto })
  @ApiErrors(400, 401, 403, 404)
  async get(
    @CurrentUser() actor: AuthUser,
    @Param('id', new ParseUUIDPipe()) id: string,
  ): Promise<UserView> {
    return toUserView(await this.users.getInAcademy(actor, id));
  }
}
