/** Regular tasks on a schedule (clean-up, archive, backup) and the archive's read route. */
import { Module } from '@nestjs/common';
import { ScheduleModule } from '@nestjs/schedule';
import { ArchiveController } from './archive.controller';
import { MaintenanceScheduler } from './maintenance.scheduler';
import { MaintenanceService } from './maintenance.service';

@Module({
  imports: [ScheduleModule.forRoot()],
  controllers: [ArchiveController],
  providers: [MaintenanceService, MaintenanceScheduler],
  exports: [MaintenanceService],
})
export class MaintenanceModule {}
