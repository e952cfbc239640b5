/** Test-taker tools: accommodations beyond extra time, kept per student (issue 18). */
import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { UserEntity } from '../auth/entities/user.entity';
import { RealtimeModule } from '../realtime/realtime.module';
import { TestTakerToolsEntity } from './entities/test-taker-tools.entity';
import { TestTakerToolsController } from './test-taker-tools.controller';
import { TestTakerToolsService } from './test-taker-tools.service';

@Module({
  imports: [TypeOrmModule.forFeature([TestTakerToolsEntity, UserEntity]), RealtimeModule],
  controllers: [TestTakerToolsController],
  providers: [TestTakerToolsService],
})
export class TestTakerModule {}
