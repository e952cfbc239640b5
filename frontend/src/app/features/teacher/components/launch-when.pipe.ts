/**
 * `{{ at | launchWhen }}`: "at 09:30" today, "on Wed 10 Mar at 09:30" another day, in the
 * academy's zone. Impure: the words change when the day does (and the zone with the user).
 */
import { Pipe, inject, type PipeTransform } from '@angular/core';
import { AcademyTimeZone } from '../../../core/time/academy-time-zone';
import { launchWhen } from '../data-access/launch-when';

@Pipe({ name: 'launchWhen', pure: false })
export class LaunchWhenPipe implements PipeTransform {
  private readonly zone = inject(AcademyTimeZone).zone;

  transform(at: number | null | undefined): string {
    return at === null || at === undefined ? '' : launchWhen(at, Date.now(), this.zone());
  }
}
