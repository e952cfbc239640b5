/** The demo accounts printed on first start (development only; never in production). */
export const DEMO_ACADEMY = { name: 'Demo Academy' };
export const DEMO_PASSWORD = 'demo1234';
/** The platform operator of the demo (manages academies; belongs to none). */
export const DEMO_OPERATOR = {
  email: 'operator@demo.school',
  displayName: 'Olga Operator',
  role: 'operator' as const,
};

export const DEMO_USERS = [
  { email: 'admin@demo.school', displayName: 'Ada Admin', role: 'admin' as const },
  { email: 'teacher@demo.school', displayName: 'Tom Teacher', role: 'teacher' as const },
  // A colleague assigned as invigilator to the demo class's session (runs it, no results).
  {
    email: 'invigilator@demo.school',
    displayName: 'Ines Invigilator',
    role: 'teacher' as const,
  },
  { email: 'student1@demo.school', displayName: 'Sam Student', role: 'student' as const },
  { email: 'student2@demo.school', displayName: 'Sara Student', role: 'student' as const },
  {
    email: 'student3@demo.school',
    displayName: 'Sol Student',
    role: 'student' as const,
    extraTimePercent: 25,
  },
];

/**
 * The rest of the demo class: they sat the finished practice round with the three demo
 * students, so its results and statistics have a class-sized sample. Same password.
 */
export const DEMO_CLASS = [
  'Ava Brown',
  'Ben Okafor',
  'Chloe Martin',
  'Daniel Kim',
  'Elif Yilmaz',
  'Finn Murphy',
  'Grace Chen',
  'Hugo Silva',
  'Isla Novak',
  'Jonas Weber',
  'Kira Patel',
  'Leo Rossi',
  'Maya Cohen',
  'Noah Dubois',
  'Olivia Garcia',
  'Pablo Ruiz',
  'Quinn Taylor',
  'Rosa Jensen',
  'Sami Haddad',
  'Tara Walsh',
  'Umar Farouk',
].map((displayName, i) => ({
  email: `class${String(i + 1).padStart(2, '0')}@demo.school`,
  displayName,
}));
