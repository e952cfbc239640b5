import { Body, Controller, Get, HttpCode, Param, ParseUUIDPipe, Post, Query } from '@nestjs/common';
import {
  ApiBearerAuth,
  ApiCreatedResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
} from '@nestjs/swagger';
import type { Page, UserView } from '@exam/contracts';
import { ApiErrors } from '../common/api-errors.decorator';
import type { AuthUser } from './auth-user';
import { CurrentUser, Roles } from './decorators';
import { CreateUserDto, ListUsersQueryDto } from './dto/auth.dto';
import { UserPageDto, UserViewDto } from './dto/auth-views.dto';
import { AccountChecks } from './account-checks.service';
import { TokenService } from './token.service';
import { toUserView, UsersService } from './users.service';

@ApiTags('users')
@ApiBearerAuth()
@Controller({ path: 'users', version: '1' })
export class UsersController {
  constructor(
    private readonly users: UsersService,
    private readonly tokens: TokenService,
    private readonly accounts: AccountChecks,
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
    const u = await this.users.setActive(actor, id, false);
    await this.tokens.revokeUser(u.id);
    this.accounts.forgetUser(u.id);
    return toUserView(u);
  }

  @Post(':id/reactivate')
  @HttpCode(200)
  @Roles('admin')
  @ApiOperation({ summary: 'Reactivate a deactivated teacher or student (admins)' })
  @ApiOkResponse({ type: UserViewDto })
  @ApiErrors(400, 401, 403, 404, 409)
  async reactivate(@CurrentUser() actor: AuthUser, @Param('id', new ParseUUIDPipe()) id: string) {
    const u = await this.users.setActive(actor, id, true);
    this.accounts.forgetUser(u.id);
    return toUserView(u);
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
