/** A handful of 16px line icons drawn inline, so the app ships no icon font or external asset. */
import type { SVGProps } from 'react';

const paths = {
  copy: 'M5.5 5.5V3.25c0-.414.336-.75.75-.75h6.5c.414 0 .75.336.75.75v6.5a.75.75 0 0 1-.75.75H10.5M3.25 5.5h6.5c.414 0 .75.336.75.75v6.5a.75.75 0 0 1-.75.75h-6.5a.75.75 0 0 1-.75-.75v-6.5c0-.414.336-.75.75-.75Z',
  check: 'M3 8.5 6.5 12 13 4.5',
  lock: 'M4.5 7V5a3.5 3.5 0 0 1 7 0v2M3.75 7h8.5c.414 0 .75.336.75.75v5.5a.75.75 0 0 1-.75.75h-8.5a.75.75 0 0 1-.75-.75v-5.5c0-.414.336-.75.75-.75Z',
  refresh: 'M13.25 8a5.25 5.25 0 1 1-1.54-3.71M13.25 2.5v3h-3',
  search: 'M7 12a5 5 0 1 0 0-10 5 5 0 0 0 0 10ZM10.75 10.75 14 14',
  close: 'M4 4l8 8M12 4l-8 8',
  plus: 'M8 3v10M3 8h10',
  chevronRight: 'M6 3.5 10.5 8 6 12.5',
  info: 'M8 14A6 6 0 1 0 8 2a6 6 0 0 0 0 12ZM8 7.25v4M8 4.75v.01',
  alert: 'M8 5.5v3.25M8 11.25v.01M7.13 2.5 1.75 12a1 1 0 0 0 .87 1.5h10.76a1 1 0 0 0 .87-1.5L8.87 2.5a1 1 0 0 0-1.74 0Z',
  globe: 'M8 14A6 6 0 1 0 8 2a6 6 0 0 0 0 12ZM2 8h12M8 2c1.6 1.7 2.4 3.7 2.4 6S9.6 12.3 8 14M8 2C6.4 3.7 5.6 5.7 5.6 8s.8 4.3 2.4 6',
  user: 'M8 8a2.75 2.75 0 1 0 0-5.5A2.75 2.75 0 0 0 8 8ZM2.75 13.5c.6-2.3 2.7-3.75 5.25-3.75s4.65 1.45 5.25 3.75',
  layers: 'M8 2 14 5 8 8 2 5 8 2ZM2 8l6 3 6-3M2 11l6 3 6-3',
  box: 'M8 1.75 13.5 4.5v7L8 14.25 2.5 11.5v-7L8 1.75ZM2.5 4.5 8 7.25l5.5-2.75M8 7.25v7',
  star: 'M8 1.9 9.85 5.66l4.15.6-3 2.93.7 4.13L8 11.37l-3.7 1.95.7-4.13-3-2.93 4.15-.6L8 1.9Z',
  more: 'M3.5 8h.01M8 8h.01M12.5 8h.01',
  key: 'M10.25 9.75a3.5 3.5 0 1 0-3.3-2.35L2.5 11.85v1.65h1.9v-1.25h1.35V10.9h1.4l1.1-1.1c.6.3 1.3.45 2 .45ZM11.25 5.25h.01',
  external: 'M9.5 2.5h4v4M13.5 2.5l-6 6M11.5 9.5v3.25a.75.75 0 0 1-.75.75h-7.5a.75.75 0 0 1-.75-.75v-7.5c0-.414.336-.75.75-.75H6.5',
  clock: 'M8 14A6 6 0 1 0 8 2a6 6 0 0 0 0 12ZM8 4.75V8l2.25 1.5',
  trash: 'M2.75 4.5h10.5M6.25 4.5V2.75h3.5V4.5M4.25 4.5l.65 8.35c.03.4.36.65.75.65h4.7c.39 0 .72-.25.75-.65l.65-8.35',
  switch: 'M2.75 5.25h10M10.25 2.75l2.5 2.5-2.5 2.5M13.25 10.75h-10M5.75 8.25l-2.5 2.5 2.5 2.5',
  sliders: 'M2.5 4.75h5.5M11 4.75h2.5M2.5 11.25h2M7.5 11.25h6M9.5 3.25v3M6 9.75v3',
  tag: 'M2.5 2.5h5.1l6 6a1 1 0 0 1 0 1.4l-3.7 3.7a1 1 0 0 1-1.4 0l-6-6V2.5ZM5.25 5.25h.01',
} as const;

export type IconName = keyof typeof paths;

interface IconProps extends Omit<SVGProps<SVGSVGElement>, 'name'> {
  name: IconName;
  size?: number;
  /** A label makes the icon meaningful to screen readers; without one it is decorative. */
  label?: string;
}

export function Icon({ name, size = 16, label, ...rest }: IconProps) {
  return (
    <svg
      width={size}
      height={size}
      viewBox="0 0 16 16"
      fill="none"
      stroke="currentColor"
      strokeWidth={1.5}
      strokeLinecap="round"
      strokeLinejoin="round"
      className="icon"
      role={label ? 'img' : undefined}
      aria-label={label}
      aria-hidden={label ? undefined : true}
      focusable="false"
      {...rest}
    >
      <path d={paths[name]} />
    </svg>
  );
}
