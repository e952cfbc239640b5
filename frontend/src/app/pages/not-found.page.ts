/** Any unknown address: says so and offers the way back. */
import { ChangeDetectionStrategy, Component, computed, inject } from '@angular/core';
import { RouterLink } from '@angular/router';
import { AuthService } from '../core/auth/auth.service';
import { homeFor } from '../core/auth/home-for';

@Component({
  selector: 'exam-not-found-page',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [RouterLink],
  template: `
    <main id="main" class="container page" tabindex="-1">
      <p class="brand">Exam Room</p>
      <div class="card">
        <h1>Page not found</h1>
        <p>There is no page at this address. Check the link, or start again from your page.</p>
        <a class="btn btn-primary" [routerLink]="home()">{{ label() }}</a>
      </div>
    </main>
  `,
  styles: `
    .page {
      max-inline-size: 36rem;
      padding-block-start: 3rem;
    }
    .brand {
      font-weight: 700;
      color: var(--primary);
    }
  `,
})
export class NotFoundPage {
  private readonly auth = inject(AuthService);
  protected readonly home = computed(() => {
    const role = this.auth.role();
    return role ? homeFor(role) : '/login';
  });
  protected readonly label = computed(() =>
    this.auth.role() ? 'Go to my start page' : 'Go to sign in',
  );
}
