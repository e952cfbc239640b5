/**
 * The signed-in user's own account, for every role: who they are (name, email, role, school,
 * a student's extra time), who can change those, and the form to change their password.
 */
import { ChangeDetectionStrategy, Component, computed, inject } from '@angular/core';
import type { Role } from '@exam/contracts';
import { AuthService } from '../../../core/auth/auth.service';
import { ChangePasswordFormComponent } from '../components/change-password-form.component';

const ROLE_LABELS: Record<Role, string> = {
  operator: 'Platform operator',
  admin: 'Administrator',
  teacher: 'Teacher',
  student: 'Student',
};

@Component({
  selector: 'exam-account-page',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [ChangePasswordFormComponent],
  templateUrl: './account.page.html',
  styleUrl: './account.page.css',
})
export class AccountPage {
  protected readonly user = inject(AuthService).user;
  protected readonly roleLabel = computed(() => {
    const u = this.user();
    return u ? ROLE_LABELS[u.role] : '';
  });
  /** Who changes this user's name and email. */
  protected readonly changedBy = computed(() => {
    switch (this.user()?.role) {
      case 'teacher':
      case 'student':
        return "your school's administrator";
      case 'admin':
      case 'operator':
      case undefined:
        return 'the platform operator';
    }
  });
}
