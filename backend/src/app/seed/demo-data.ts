/** The demo accounts printed on first start (development only; never in production). */
export const DEMO_ACADEMY = { name: 'Demo Academy' };
export const DEMO_PASSWORD = 'demo1234';
export const DEMO_USERS = [
  { email: 'admin@demo.school', displayName: 'Ada Admin', role: 'admin' as const },
  { email: 'teacher@demo.school', displayName: 'Tom Teacher', role: 'teacher' as const },
  { email: 'student1@demo.school', displayName: 'Sam Student', role: 'student' as const },
  { email: 'student2@demo.school', displayName: 'Sara Student', role: 'student' as const },
  {
    email: 'student3@demo.school',
    displayName: 'Sol Student',
    role: 'student' as const,
    extraTimePercent: 25,
  },
];
