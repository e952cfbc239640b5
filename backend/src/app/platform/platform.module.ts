/**
 * The platform above the academies: first-run setup, the operator's academies, and each
 * academy's own settings (time zone, retention).
 */
import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AuthModule } from '../auth/auth.module';
import { AcademyEntity } from '../auth/entities/academy.entity';
import { AcademyController } from './academy.controller';
import { PlatformController } from './platform.controller';
import { PlatformService } from './platform.service';
import { SetupController } from './setup.controller';
import { SetupService } from './setup.service';

@Module({
  imports: [AuthModule, TypeOrmModule.forFeature([AcademyEntity])],
  controllers: [SetupController, PlatformController, AcademyController],
  providers: [SetupService, PlatformService],
  exports: [SetupService],
})
export class PlatformModule {}
