/**
 * The fields of an academy's settings inside a parent's form: name, time zone and (unless
 * `retention` is false) how long finished sessions stay out of the archive and how long the
 * security log is kept. The parent owns the form group, the submit and the feedback.
 */
import { ChangeDetectionStrategy, Component, computed, input } from '@angular/core';
import type { RetentionDefaults } from '@exam/contracts';
import { ReactiveFormsModule } from '@angular/forms';
import { ZonedDatePipe } from '../../core/time/zoned-date.pipe';
import { RETENTION_MAX_DAYS, type AcademySettingsGroup } from './academy-form';
import { timeZoneOptions } from './time-zone-options';
import type { FormFeedback } from '../forms/form-feedback';
import { FORM_FIELD } from '../forms/form-field.component';

@Component({
  selector: 'exam-academy-settings-fields',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [ReactiveFormsModule, ZonedDatePipe, FORM_FIELD],
  template: `
    @let g = group();
    @let f = feedback();
    @let p = pathPrefix();
    @let id = idPrefix();
    <exam-form-field
      [label]="nameLabel()"
      [controlId]="id + '-name'"
      [errors]="f.errors(p + 'name')"
    >
      <input
        examFieldControl
        class="input"
        [formControl]="g.controls.name"
        autocomplete="organization"
      />
    </exam-form-field>

    <exam-form-field
      label="Time zone"
      [controlId]="id + '-zone'"
      hint="Every time is shown in this zone, and the times teachers plan are read in it."
      [errors]="f.errors(p + 'timeZone')"
    >
      <select examFieldControl class="select" [formControl]="g.controls.timeZone">
        @for (z of zones(); track z.value) {
          <option [value]="z.value">{{ z.label }}</option>
        }
      </select>
      <p class="hint" data-testid="zone-now">
        Now there: {{ now | zonedDate: 'EEEE d MMMM y, HH:mm' : g.controls.timeZone.value }}.
      </p>
    </exam-form-field>

    @if (retention()) {
      <fieldset class="retention">
        <legend class="label">Keeping data</legend>
        <p class="hint" data-testid="retention-defaults">{{ defaultsHint() }}</p>
        <div class="days">
          <exam-form-field
            label="Archive finished sessions after (days)"
            [controlId]="id + '-archive'"
            [errors]="f.errors(p + 'archiveAfterDays')"
          >
            <input
              examFieldControl
              class="input narrow"
              type="number"
              inputmode="numeric"
              min="1"
              [max]="maxDays"
              step="1"
              [formControl]="g.controls.archiveAfterDays"
            />
          </exam-form-field>
          <exam-form-field
            label="Keep the security log for (days)"
            [controlId]="id + '-seclog'"
            [errors]="f.errors(p + 'securityLogDays')"
          >
            <input
              examFieldControl
              class="input narrow"
              type="number"
              inputmode="numeric"
              min="1"
              [max]="maxDays"
              step="1"
              [formControl]="g.controls.securityLogDays"
            />
          </exam-form-field>
        </div>
      </fieldset>
    }
  `,
  styles: `
    :host {
      display: block;
    }
    .retention {
      margin-block-end: 0.5rem;
    }
    .retention legend {
      padding: 0;
    }
    .retention .hint {
      margin-block: 0.15rem 0.5rem;
    }
    .days {
      display: grid;
      grid-template-columns: repeat(auto-fit, minmax(12rem, 1fr));
      gap: 0 1rem;
      align-items: start;
    }
  `,
})
export class AcademySettingsFieldsComponent {
  readonly group = input.required<AcademySettingsGroup>();
  readonly feedback = input.required<FormFeedback>();
  /** Prefix of the element ids (unique on the page). */
  readonly idPrefix = input('academy');
  /** Prefix of the field paths the server uses ("" or "academy."). */
  readonly pathPrefix = input('');
  readonly retention = input(true);
  readonly nameLabel = input('Name of the school');
  /** The server's defaults behind an empty retention field (unknown for a new academy). */
  readonly defaults = input<RetentionDefaults | null>(null);

  protected readonly defaultsHint = computed(() => {
    const d = this.defaults();
    if (!d) return "Leave a field empty to use the server's default.";
    return `Leave a field empty to use the server's default: finished sessions are archived after ${days(d.archiveAfterDays)}, the security log is kept ${days(d.securityLogDays)}.`;
  });

  protected readonly maxDays = RETENTION_MAX_DAYS;
  /** When the form opened: "now there" shows the chosen zone's clock at this instant. */
  protected readonly now = Date.now();
  /** The saved zone stays choosable even if this browser does not list it. */
  protected readonly zones = computed(() => timeZoneOptions(this.group().controls.timeZone.value));
}

function days(n: number): string {
  return n === 1 ? '1 day' : `${n} days`;
}
