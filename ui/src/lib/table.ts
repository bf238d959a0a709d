export interface Column {
  key: string;
  label: string;
  /** A CSS grid track, e.g. '6rem' or 'minmax(5rem, 1fr)'. */
  width: string;
  align?: 'left' | 'right' | 'center';
}
