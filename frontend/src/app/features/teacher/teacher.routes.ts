/** The teacher area: a shell with the teacher's pages (home, exams, sessions) inside. */
import type { Routes } from '@angular/router';
import { ShellComponent } from '../../core/layout/shell.component';
import type { NavLink } from '../../core/layout/nav-link';

const nav: NavLink[] = [
  { label: 'Home', path: '/teacher', exact: true },
  { label: 'Exams', path: '/teacher/exams' },
  { label: 'Sessions', path: '/teacher/sessions' },
];

export const teacherRoutes: Routes = [
  {
    // For the board: no menus, read from the back of the room.
    path: 'sessions/:id/projector',
    title: 'Join with a code',
    loadComponent: () => import('./pages/join-projector.page').then((m) => m.JoinProjectorPage),
  },
  {
    path: '',
    component: ShellComponent,
    data: { nav },
    children: [
      {
        path: '',
        title: 'Home',
        loadComponent: () => import('./pages/teacher-home.page').then((m) => m.TeacherHomePage),
      },
      {
        path: 'exams',
        title: 'Exams',
        loadComponent: () => import('./pages/exam-list.page').then((m) => m.ExamListPage),
      },
      {
        // `new` or an exam id.
        path: 'exams/:id',
        title: 'Exam editor',
        loadComponent: () => import('./pages/exam-editor.page').then((m) => m.ExamEditorPage),
      },
      {
        path: 'sessions',
        title: 'Sessions',
        loadComponent: () => import('./pages/sessions-list.page').then((m) => m.SessionsListPage),
      },
      {
        path: 'sessions/new',
        title: 'Plan a session',
        loadComponent: () =>
          import('./pages/session-planner.page').then((m) => m.SessionPlannerPage),
      },
      {
        path: 'sessions/:id/live',
        title: 'Live session',
        loadComponent: () => import('./pages/live-session.page').then((m) => m.LiveSessionPage),
      },
      {
        path: 'sessions/:id/results',
        title: 'Results',
        loadComponent: () =>
          import('../results/pages/session-results.page').then((m) => m.SessionResultsPage),
      },
      {
        path: 'sessions/:id/results/students/:attemptId',
        title: "A student's answers",
        loadComponent: () =>
          import('../results/pages/attempt-review.page').then((m) => m.AttemptReviewPage),
      },
      {
        path: 'sessions/:id/results/questions/:questionId',
        title: 'Answers to one question',
        loadComponent: () =>
          import('../results/pages/question-responses.page').then((m) => m.QuestionResponsesPage),
      },
      {
        path: 'sessions/:id/grading',
        title: 'Grading',
        loadComponent: () => import('../results/pages/grading.page').then((m) => m.GradingPage),
      },
      {
        path: 'sessions/:id/statistics',
        title: 'Question statistics',
        loadComponent: () =>
          import('../results/pages/statistics.page').then((m) => m.StatisticsPage),
      },
      {
        path: 'sessions/:id/regrade',
        title: 'Fix a question and regrade',
        loadComponent: () => import('../results/pages/regrade.page').then((m) => m.RegradePage),
      },
    ],
  },
];
