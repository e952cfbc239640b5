/**
 * The time source of monitoring and maintenance code. Injected so jobs and samplers can be
 * tested at any instant ("90 days later") without fake timers.
 */
import { Injectable } from '@nestjs/common';

@Injectable()
export class Clock {
  now(): number {
    return Date.now();
  }
}
