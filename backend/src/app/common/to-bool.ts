/** Query-string booleans: "true"/"false" become booleans; anything else is left to fail validation. */
export const toBool = ({ value }: { value: unknown }): unknown =>
  value === 'true' || value === true ? true : value === 'false' || value === false ? false : value;
