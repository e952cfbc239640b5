import { Body, Controller, Get, Param, ParseUUIDPipe, Post, Query } from '@nestjs/common';
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
import { toUserView, UsersService } from './users.service';

@ApiTags('users')
@ApiBearerAuth()
@Controller({ path: 'users', version: '1' })
export class UsersController {
  constructor(private readonly users: UsersService) {}

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
