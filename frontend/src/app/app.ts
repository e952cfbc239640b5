/** The root component: the router outlet (areas bring their own layout) and the app-update line. */
import { ChangeDetectionStrategy, Component } from '@angular/core';
import { RouterOutlet } from '@angular/router';
import { AppUpdateBannerComponent } from './core/offline/app-update-banner.component';

@Component({
  selector: 'exam-root',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [RouterOutlet, AppUpdateBannerComponent],
  template: '<exam-app-update-banner /><router-outlet />',
})
export class App {}
