/**
 * `{{ at | zonedDate: 'd MMM y, HH:mm' }}`: an instant (epoch ms, ISO string or Date) as a
 * wall time in the academy's zone (see AcademyTimeZone), or in the zone given as the second
 * argument. Impure so that a change of the academy's zone shows at once; formatting is cheap
 * (one cached Intl formatter per zone).
 */
import { Pipe, inject, type PipeTransform } from '@angular/core';
import { AcademyTimeZone } from './academy-time-zone';
import { formatZoned, type ZonedPreset } from './zoned-format';

@Pipe({ name: 'zonedDate', pure: false })
export class ZonedDatePipe implements PipeTransform {
  private readonly academy = inject(AcademyTimeZone);

  transform(
    value: number | string | Date | null | undefined,
    format: ZonedPreset | string = 'mediumDate',
    zone?: string,
  ): string {
    return formatZoned(value, format, zone ?? this.academy.zone());
  }
}
