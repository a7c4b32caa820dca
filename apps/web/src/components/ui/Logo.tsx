interface LogoProps {
  className?: string;
}

/** The "fatafat" wordmark with its lightning bolt, drawn inline so it never waits on a request. */
export function Logo({ className }: LogoProps) {
  return (
    <svg
      viewBox="0 0 132 36"
      className={className}
      role="img"
      aria-label="Fatafat"
      xmlns="http://www.w3.org/2000/svg"
    >
      <title>Fatafat</title>
      <rect x="0" y="2" width="32" height="32" rx="9" fill="#F9C22E" />
      <path d="M18.6 6.5 9.4 20.2h6.1l-2 9.3 9.4-13.9h-6.2l1.9-9.1Z" fill="#1C1C1C" />
      <text
        x="38"
        y="26"
        fill="currentColor"
        fontFamily="'Plus Jakarta Sans Variable', ui-sans-serif, system-ui, sans-serif"
        fontSize="24"
        fontWeight="800"
        letterSpacing="-1"
      >
        fatafat
      </text>
    </svg>
  );
}

/** Just the bolt tile, for tight spots (the phone header). */
export function LogoMark({ className }: LogoProps) {
  return (
    <svg viewBox="0 0 32 32" className={className} aria-hidden="true" xmlns="http://www.w3.org/2000/svg">
      <rect width="32" height="32" rx="9" fill="#F9C22E" />
      <path d="M18.6 4.5 9.4 18.2h6.1l-2 9.3 9.4-13.9h-6.2l1.9-9.1Z" fill="#1C1C1C" />
    </svg>
  );
}
