import { TestBed } from '@angular/core/testing';
import { NonNullableFormBuilder } from '@angular/forms';
import { browserTimeZone } from '../../core/time/zoned-time';
import { academySettingsGroup, academySettingsOf, newAdminGroup, newAdminOf } from './academy-form';
import { timeZoneOptions } from './time-zone-options';

describe('academy forms', () => {
  const fb = () => TestBed.inject(NonNullableFormBuilder);

  it("starts in the browser's zone and turns the form into the API's settings", () => {
    const g = academySettingsGroup(fb());
    expect(g.controls.timeZone.value).toBe(browserTimeZone());
    expect(g.valid).toBe(false);
    g.setValue({
      name: '  Northside ',
      timeZone: 'Europe/Paris',
      archiveAfterDays: 30,
      securityLogDays: null,
    });
    expect(g.valid).toBe(true);
    expect(academySettingsOf(g)).toEqual({
      name: 'Northside',
      timeZone: 'Europe/Paris',
      archiveAfterDays: 30,
      securityLogDays: null,
    });
  });

  it('checks retention as whole days from 1 to 3650, empty allowed', () => {
    const g = academySettingsGroup(fb(), { name: 'N', timeZone: 'UTC' });
    const archive = g.controls.archiveAfterDays;
    for (const [v, ok] of [
      [null, true],
      [1, true],
      [3650, true],
      [0, false],
      [3651, false],
      [1.5, false],
    ] as const) {
      archive.setValue(v);
      expect([v, archive.valid]).toEqual([v, ok]);
    }
  });

  it('checks a new admin as the server does (password 8 to 200), and trims what it sends', () => {
    const g = newAdminGroup(fb());
    g.setValue({ displayName: ' Ada ', email: ' ada@school.example ', password: '1234567' });
    expect(g.controls.password.errors).toEqual({
      minlength: { requiredLength: 8, actualLength: 7 },
    });
    g.controls.password.setValue('12345678');
    expect(g.valid).toBe(true);
    expect(newAdminOf(g)).toEqual({
      displayName: 'Ada',
      email: 'ada@school.example',
      password: '12345678',
    });
    g.controls.displayName.setValue('   ');
    expect(g.controls.displayName.errors).toEqual({ required: true });
  });

  it('offers every zone with its offset, UTC first, keeping an unknown saved zone', () => {
    const winter = Date.UTC(2026, 0, 15);
    const options = timeZoneOptions('Asia/Calcutta', winter);
    expect(options[0]).toEqual({ value: 'UTC', label: 'UTC' });
    expect(options.find((o) => o.value === 'Europe/Paris')?.label).toBe('Europe/Paris (UTC+01:00)');
    expect(options.find((o) => o.value === 'America/St_Johns')?.label).toBe(
      'America/St Johns (UTC−03:30)',
    );
    expect(options.some((o) => o.value === 'Asia/Calcutta')).toBe(true);
    const summer = timeZoneOptions(null, Date.UTC(2026, 6, 15));
    expect(summer.find((o) => o.value === 'Europe/Paris')?.label).toBe('Europe/Paris (UTC+02:00)');
  });
});
