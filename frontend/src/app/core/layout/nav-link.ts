/** A link in an area's header, given as route data (`data: { nav: [...] }`). */
export interface NavLink {
  label: string;
  path: string;
  /** Active only on an exact URL match (for an area's home). */
  exact?: boolean;
}
