/**
 * Flat vector drawings for the generated catalogue images, one per kind of pack. Each draws inside a
 * 200×200 box and takes the same colour roles, so every tile in the shop shares one visual language.
 */
import type { Glyph } from './catalogue.types';

export interface GlyphColors {
  /** Pack body. */
  main: string;
  /** Caps, lids, outlines. */
  dark: string;
  /** Labels and highlights. */
  light: string;
  /** A pale tint of main, for secondary faces. */
  soft: string;
}

/** Mixes a hex colour towards white (amount 0–1) or black (negative amount). */
export function shade(hex: string, amount: number): string {
  const n = Number.parseInt(hex.slice(1), 16);
  const channels = [(n >> 16) & 255, (n >> 8) & 255, n & 255].map((c) =>
    Math.round(amount >= 0 ? c + (255 - c) * amount : c * (1 + amount)),
  );
  return `#${channels.map((c) => c.toString(16).padStart(2, '0')).join('')}`;
}

const shadow = (cx: number, cy: number, rx: number) =>
  `<ellipse cx="${cx}" cy="${cy}" rx="${rx}" ry="${Math.round(rx * 0.16)}" fill="#000" opacity="0.10"/>`;

/** The shine stripe on glossy packs. */
const shine = (x: number, y: number, h: number) =>
  `<rect x="${x}" y="${y}" width="7" height="${h}" rx="3.5" fill="#fff" opacity="0.35"/>`;

/** Colour of fresh produce from its name, so a tomato is red and a spinach bunch green. */
export function produceColor(name: string): { fill: string; long: boolean } {
  const n = name.toLowerCase();
  const table: Array<[RegExp, string]> = [
    [/tomato|apple|strawberr|pomegranate|red (bell|cabbage)|dragon|beetroot|chilli red/, '#E03131'],
    [/carrot|orange|papaya|mango|pumpkin|sweet potato|passion/, '#F08C00'],
    [/banana|lemon|pineapple|yellow|corn|mosambi|muskmelon/, '#F2C418'],
    [/onion|brinjal|grape|plum|jamun|red cabbage/, '#9C36B5'],
    [/potato|ginger|chikoo|sapota|coconut|kiwi|mushroom|garlic|pear/, '#B0835A'],
    [/watermelon|avocado/, '#2B8A3E'],
    [/radish|cauliflower|mooli/, '#F1EDE4'],
  ];
  const fill = table.find(([re]) => re.test(n))?.[1] ?? '#51A34B';
  const long = /banana|carrot|cucumber|brinjal|lady finger|bhindi|radish|gourd|beans|chilli|zucchini|corn|sweet potato|lemongrass/.test(n);
  return { fill, long };
}

type Draw = (c: GlyphColors) => string;

const glyphs: Record<Glyph, Draw> = {
  produce: (c) => `${shadow(100, 182, 60)}
    <circle cx="100" cy="112" r="66" fill="${c.main}"/>
    <path d="M100 50 C 96 40 92 34 84 30" stroke="${c.dark}" stroke-width="6" stroke-linecap="round" fill="none"/>
    <path d="M102 48 C 112 26 140 24 150 32 C 138 50 118 54 102 48 Z" fill="#3E9B4F"/>
    <ellipse cx="76" cy="88" rx="16" ry="24" transform="rotate(-30 76 88)" fill="#fff" opacity="0.28"/>`,
  leaf: (c) => `${shadow(100, 184, 54)}
    <path d="M100 180 L100 90" stroke="${c.dark}" stroke-width="6" stroke-linecap="round"/>
    <path d="M100 150 C 60 150 38 110 44 64 C 86 70 104 104 100 150 Z" fill="${c.main}"/>
    <path d="M100 150 C 140 150 162 110 156 64 C 114 70 96 104 100 150 Z" fill="${shade(c.main, -0.15)}"/>
    <path d="M100 120 C 76 100 80 50 100 22 C 120 50 124 100 100 120 Z" fill="${shade(c.main, 0.18)}"/>
    <path d="M100 112 L100 40 M56 76 L96 140 M144 76 L104 140" stroke="#fff" stroke-width="3" opacity="0.45" stroke-linecap="round"/>`,
  bowl: (c) => `${shadow(100, 182, 70)}
    <circle cx="70" cy="92" r="16" fill="#F2C418"/><circle cx="98" cy="80" r="18" fill="#51A34B"/>
    <circle cx="128" cy="90" r="16" fill="#E03131"/><circle cx="84" cy="100" r="12" fill="#F08C00"/>
    <circle cx="114" cy="102" r="13" fill="#9C36B5"/>
    <path d="M30 100 H170 C 168 150 140 176 100 176 C 60 176 32 150 30 100 Z" fill="${c.main}"/>
    <rect x="26" y="94" width="148" height="12" rx="6" fill="${c.dark}"/>
    <path d="M54 124 C 66 150 86 160 104 160" stroke="#fff" stroke-width="6" opacity="0.35" fill="none" stroke-linecap="round"/>`,
  carton: (c) => `${shadow(100, 186, 52)}
    <path d="M56 62 L82 30 H130 L104 62 Z" fill="${shade(c.main, 0.25)}"/>
    <path d="M104 62 L130 30 L148 62 Z" fill="${shade(c.main, -0.2)}"/>
    <rect x="56" y="62" width="48" height="120" fill="${c.main}"/>
    <rect x="104" y="62" width="44" height="120" fill="${shade(c.main, -0.18)}"/>
    <rect x="56" y="96" width="48" height="52" fill="${c.light}"/>
    <path d="M62 132 C 72 120 84 140 98 128" stroke="${c.main}" stroke-width="5" fill="none" stroke-linecap="round"/>
    <circle cx="118" cy="46" r="7" fill="${c.dark}"/>`,
  pouch: (c) => `${shadow(100, 184, 56)}
    <path d="M50 44 L58 36 L66 44 L74 36 L82 44 L90 36 L98 44 L106 36 L114 44 L122 36 L130 44 L138 36 L146 44 L150 44
      C 158 90 160 140 146 172 Q 100 186 54 172 C 40 140 42 90 50 44 Z" fill="${c.main}"/>
    <rect x="56" y="92" width="88" height="54" rx="10" fill="${c.light}"/>
    <rect x="66" y="106" width="68" height="8" rx="4" fill="${c.main}" opacity="0.8"/>
    <rect x="74" y="122" width="52" height="6" rx="3" fill="${c.dark}" opacity="0.35"/>
    ${shine(60, 58, 26)}`,
  tub: (c) => `${shadow(100, 186, 58)}
    <path d="M44 76 H156 L144 176 Q 100 186 56 176 Z" fill="${c.main}"/>
    <rect x="38" y="56" width="124" height="26" rx="10" fill="${c.dark}"/>
    <rect x="58" y="104" width="84" height="48" rx="10" fill="${c.light}"/>
    <circle cx="100" cy="128" r="13" fill="${c.main}" opacity="0.85"/>
    ${shine(52, 90, 56)}`,
  block: (c) => `${shadow(100, 178, 70)}
    <path d="M36 92 L70 64 H170 L136 92 Z" fill="${shade(c.main, 0.35)}"/>
    <path d="M136 92 L170 64 V140 L136 168 Z" fill="${shade(c.main, -0.2)}"/>
    <rect x="36" y="92" width="100" height="76" fill="${c.main}"/>
    <rect x="36" y="112" width="100" height="34" fill="${c.light}"/>
    <rect x="50" y="124" width="72" height="10" rx="5" fill="${c.main}" opacity="0.8"/>`,
  loaf: (c) => `${shadow(100, 180, 70)}
    <path d="M34 98 C 30 60 70 48 100 56 C 130 48 170 60 166 98 C 160 104 156 104 156 112 V172 H44 V112 C 44 104 40 104 34 98 Z" fill="#D9A35B"/>
    <path d="M46 100 C 44 72 74 64 100 70 C 126 64 156 72 154 100" stroke="#B5782C" stroke-width="6" fill="none" stroke-linecap="round"/>
    <rect x="40" y="118" width="120" height="54" rx="8" fill="${c.main}" opacity="0.92"/>
    <rect x="58" y="134" width="84" height="22" rx="11" fill="${c.light}"/>`,
  eggs: (c) => `${shadow(100, 182, 72)}
    <ellipse cx="62" cy="100" rx="26" ry="34" fill="#F7E9D7"/><ellipse cx="100" cy="92" rx="27" ry="36" fill="#EBD2B4"/>
    <ellipse cx="138" cy="100" rx="26" ry="34" fill="#F7E9D7"/>
    <ellipse cx="54" cy="88" rx="6" ry="10" fill="#fff" opacity="0.7"/><ellipse cx="92" cy="80" rx="6" ry="10" fill="#fff" opacity="0.6"/>
    <path d="M26 122 H174 L164 176 H36 Z" fill="${c.main}"/>
    <path d="M26 122 Q 44 140 62 122 Q 80 140 100 122 Q 120 140 138 122 Q 156 140 174 122" fill="${shade(c.main, -0.15)}"/>
    <rect x="66" y="146" width="68" height="16" rx="8" fill="${c.light}"/>`,
  sack: (c) => `${shadow(100, 186, 62)}
    <path d="M58 58 Q 100 44 142 58 L156 176 Q 100 190 44 176 Z" fill="${c.main}"/>
    <path d="M64 42 Q 100 30 136 42 L142 58 Q 100 46 58 58 Z" fill="${shade(c.main, -0.2)}"/>
    <rect x="60" y="92" width="80" height="62" rx="12" fill="${c.light}"/>
    <path d="M82 136 C 82 112 100 104 100 104 C 100 104 118 112 118 136" stroke="#C98A1E" stroke-width="5" fill="none"/>
    <path d="M100 104 V140" stroke="#C98A1E" stroke-width="5"/>
    <circle cx="88" cy="118" r="4" fill="#C98A1E"/><circle cx="112" cy="118" r="4" fill="#C98A1E"/>`,
  packet: (c) => `${shadow(100, 186, 56)}
    <path d="M52 36 L60 28 L68 36 L76 28 L84 36 L92 28 L100 36 L108 28 L116 36 L124 28 L132 36 L140 28 L148 36
      C 154 80 154 130 148 172 L140 180 L132 172 L124 180 L116 172 L108 180 L100 172 L92 180 L84 172 L76 180 L68 172 L60 180 L52 172
      C 46 130 46 80 52 36 Z" fill="${c.main}"/>
    <circle cx="100" cy="104" r="34" fill="${c.light}"/>
    <circle cx="100" cy="104" r="22" fill="${shade(c.main, 0.45)}"/>
    <rect x="64" y="150" width="72" height="10" rx="5" fill="${c.dark}" opacity="0.35"/>
    ${shine(58, 48, 40)}`,
  jar: (c) => `${shadow(100, 186, 56)}
    <rect x="60" y="40" width="80" height="30" rx="8" fill="${c.dark}"/>
    <rect x="64" y="62" width="72" height="10" fill="${shade(c.dark, 0.25)}"/>
    <rect x="48" y="70" width="104" height="112" rx="24" fill="${c.main}"/>
    <rect x="48" y="100" width="104" height="52" fill="${c.light}"/>
    <circle cx="100" cy="126" r="15" fill="${c.main}" opacity="0.85"/>
    ${shine(58, 80, 90)}`,
  box: (c) => `${shadow(100, 186, 60)}
    <path d="M50 40 L66 26 H166 L150 40 Z" fill="${shade(c.main, 0.3)}"/>
    <path d="M150 40 L166 26 V168 L150 182 Z" fill="${shade(c.main, -0.22)}"/>
    <rect x="50" y="40" width="100" height="142" fill="${c.main}"/>
    <circle cx="100" cy="106" r="32" fill="${c.light}"/>
    <circle cx="100" cy="106" r="20" fill="${shade(c.main, 0.4)}"/>
    <rect x="64" y="152" width="72" height="12" rx="6" fill="${c.light}" opacity="0.85"/>`,
  bottle: (c) => `${shadow(100, 188, 44)}
    <rect x="86" y="18" width="28" height="20" rx="5" fill="${c.dark}"/>
    <path d="M88 38 H112 V56 C 112 68 140 74 140 100 V176 Q 140 184 132 184 H68 Q 60 184 60 176 V100 C 60 74 88 68 88 56 Z" fill="${c.main}"/>
    <rect x="60" y="112" width="80" height="46" fill="${c.light}"/>
    <rect x="72" y="128" width="56" height="8" rx="4" fill="${c.main}" opacity="0.8"/>
    ${shine(68, 90, 16)}${shine(68, 164, 12)}`,
  pump: (c) => `${shadow(100, 188, 50)}
    <path d="M100 40 H140 V50 H108" stroke="${c.dark}" stroke-width="8" fill="none" stroke-linejoin="round"/>
    <rect x="90" y="36" width="20" height="34" rx="4" fill="${c.dark}"/>
    <rect x="80" y="66" width="40" height="16" rx="4" fill="${shade(c.dark, 0.2)}"/>
    <rect x="56" y="80" width="88" height="104" rx="26" fill="${c.main}"/>
    <rect x="56" y="110" width="88" height="46" fill="${c.light}"/>
    <path d="M84 134 C 92 122 108 146 116 134" stroke="${c.main}" stroke-width="5" fill="none" stroke-linecap="round"/>
    ${shine(66, 92, 14)}`,
  can: (c) => `${shadow(100, 188, 46)}
    <rect x="58" y="34" width="84" height="150" rx="14" fill="${c.main}"/>
    <ellipse cx="100" cy="36" rx="42" ry="10" fill="${shade(c.main, 0.5)}"/>
    <ellipse cx="100" cy="36" rx="30" ry="6" fill="#CED4DA"/>
    <path d="M58 96 C 80 84 120 112 142 100 V134 C 120 146 80 118 58 130 Z" fill="${c.light}"/>
    <rect x="58" y="170" width="84" height="10" fill="${c.dark}" opacity="0.35"/>
    ${shine(68, 52, 110)}`,
  bar: (c) => `${shadow(100, 180, 70)}
    <g transform="rotate(-14 100 110)">
      <rect x="28" y="68" width="144" height="84" rx="8" fill="${c.main}"/>
      <rect x="124" y="68" width="48" height="84" fill="#B7BFC8"/>
      <path d="M124 68 L134 78 L124 88 L134 98 L124 108 L134 118 L124 128 L134 138 L124 148 V152 H120 V68 Z" fill="${c.main}"/>
      <rect x="40" y="92" width="72" height="36" rx="6" fill="${c.light}"/>
      <rect x="52" y="104" width="48" height="12" rx="6" fill="${c.main}" opacity="0.8"/>
    </g>`,
  candy: (c) => `${shadow(100, 170, 62)}
    <path d="M60 104 L22 76 L30 104 L22 132 Z" fill="${shade(c.main, -0.15)}"/>
    <path d="M140 104 L178 76 L170 104 L178 132 Z" fill="${shade(c.main, -0.15)}"/>
    <ellipse cx="100" cy="104" rx="46" ry="34" fill="${c.main}"/>
    <path d="M72 80 C 90 100 90 110 76 130 M100 72 C 116 96 116 114 100 136 M128 80 C 140 100 140 112 126 130" stroke="${c.light}" stroke-width="6" fill="none" opacity="0.8"/>`,
  tube: (c) => `${shadow(100, 180, 70)}
    <g transform="rotate(-20 100 100)">
      <rect x="150" y="84" width="26" height="32" rx="4" fill="${c.dark}"/>
      <path d="M150 80 V120 L44 132 L36 124 V76 L44 68 Z" fill="${c.main}"/>
      <path d="M36 76 V124 L28 128 V72 Z" fill="${shade(c.main, -0.25)}"/>
      <rect x="62" y="86" width="66" height="28" rx="6" fill="${c.light}"/>
      <rect x="72" y="96" width="46" height="8" rx="4" fill="${c.main}" opacity="0.8"/>
    </g>`,
  spray: (c) => `${shadow(100, 188, 44)}
    <circle cx="150" cy="40" r="4" fill="${c.main}" opacity="0.5"/><circle cx="162" cy="30" r="3" fill="${c.main}" opacity="0.4"/>
    <circle cx="164" cy="48" r="3" fill="${c.main}" opacity="0.4"/>
    <rect x="78" y="26" width="40" height="22" rx="6" fill="${c.dark}"/>
    <rect x="114" y="32" width="22" height="8" rx="3" fill="${c.dark}"/>
    <path d="M70 64 C 70 52 130 52 130 64 V180 H70 Z" fill="${c.main}"/>
    <rect x="70" y="100" width="60" height="50" fill="${c.light}"/>
    <rect x="80" y="120" width="40" height="8" rx="4" fill="${c.main}" opacity="0.8"/>
    ${shine(78, 68, 26)}`,
  cup: (c) => `${shadow(100, 186, 64)}
    <path d="M80 26 C 70 38 90 46 80 58 M100 22 C 90 36 110 44 100 58 M120 26 C 110 38 130 46 120 58" stroke="${c.dark}" stroke-width="5" fill="none" stroke-linecap="round" opacity="0.5"/>
    <path d="M146 98 C 178 96 178 142 140 140" stroke="${c.main}" stroke-width="12" fill="none"/>
    <path d="M44 74 H156 V120 C 156 152 132 170 100 170 C 68 170 44 152 44 120 Z" fill="${c.main}"/>
    <ellipse cx="100" cy="76" rx="56" ry="10" fill="${shade(c.main, -0.35)}"/>
    <rect x="40" y="170" width="120" height="10" rx="5" fill="${c.dark}"/>
    <path d="M62 110 C 66 136 80 150 96 154" stroke="#fff" stroke-width="6" opacity="0.3" fill="none" stroke-linecap="round"/>`,
  cone: (c) => `${shadow(100, 188, 30)}
    <path d="M64 96 L100 186 L136 96 Z" fill="#D9A35B"/>
    <path d="M76 104 L112 160 M92 100 L124 134 M124 104 L88 160 M108 100 L76 134" stroke="#B5782C" stroke-width="4"/>
    <circle cx="82" cy="84" r="26" fill="${shade(c.main, 0.55)}"/>
    <circle cx="118" cy="84" r="26" fill="${c.main}"/>
    <circle cx="100" cy="56" r="28" fill="${shade(c.main, 0.25)}"/>
    <circle cx="100" cy="26" r="8" fill="#E03131"/>`,
  battery: (c) => `${shadow(100, 186, 56)}
    <g transform="rotate(-12 100 100)">
      <rect x="60" y="36" width="52" height="140" rx="10" fill="${c.main}"/>
      <rect x="76" y="26" width="20" height="12" rx="3" fill="#ADB5BD"/>
      <rect x="60" y="36" width="52" height="40" rx="10" fill="${c.dark}"/>
      <path d="M90 96 L76 126 H88 L82 152 L100 118 H88 Z" fill="${c.light}"/>
      <rect x="120" y="60" width="40" height="116" rx="9" fill="${shade(c.main, 0.3)}"/>
      <rect x="133" y="51" width="14" height="10" rx="3" fill="#ADB5BD"/>
    </g>`,
  bulb: (c) => `${shadow(100, 188, 40)}
    <path d="M100 24 C 138 24 160 52 156 86 C 152 112 130 122 126 144 H74 C 70 122 48 112 44 86 C 40 52 62 24 100 24 Z" fill="#FFE066"/>
    <path d="M84 144 C 84 118 92 104 100 92 C 108 104 116 118 116 144" stroke="#F08C00" stroke-width="5" fill="none"/>
    <rect x="72" y="144" width="56" height="14" rx="4" fill="${c.main}"/>
    <rect x="76" y="158" width="48" height="12" rx="4" fill="${shade(c.main, -0.2)}"/>
    <rect x="86" y="170" width="28" height="10" rx="5" fill="${c.dark}"/>
    <ellipse cx="74" cy="66" rx="10" ry="18" transform="rotate(-24 74 66)" fill="#fff" opacity="0.55"/>`,
  notebook: (c) => `${shadow(100, 186, 60)}
    <rect x="52" y="30" width="108" height="150" rx="8" fill="${c.main}"/>
    <rect x="40" y="24" width="108" height="150" rx="8" fill="${shade(c.main, 0.15)}"/>
    <rect x="62" y="60" width="70" height="40" rx="6" fill="${c.light}"/>
    <rect x="72" y="74" width="50" height="6" rx="3" fill="${c.main}"/>
    ${[40, 62, 84, 106, 128, 150].map((y) => `<circle cx="44" cy="${y}" r="6" fill="${c.dark}"/>`).join('')}
    <rect x="148" y="50" width="14" height="110" rx="3" transform="rotate(14 155 105)" fill="#F2C418"/>
    <path d="M151 160 L158 176 L165 162 Z" transform="rotate(14 155 105)" fill="#343A40"/>`,
  bone: (c) => `${shadow(100, 180, 70)}
    <g transform="rotate(-20 100 100)">
      <rect x="52" y="86" width="96" height="30" rx="8" fill="${c.main}"/>
      <circle cx="50" cy="84" r="20" fill="${c.main}"/><circle cx="50" cy="118" r="20" fill="${c.main}"/>
      <circle cx="150" cy="84" r="20" fill="${c.main}"/><circle cx="150" cy="118" r="20" fill="${c.main}"/>
      <rect x="60" y="94" width="80" height="8" rx="4" fill="#fff" opacity="0.35"/>
    </g>`,
  diya: (c) => `${shadow(100, 178, 66)}
    <path d="M100 40 C 118 70 116 96 100 104 C 84 96 82 70 100 40 Z" fill="#F59F00"/>
    <path d="M100 64 C 108 78 108 92 100 98 C 92 92 92 78 100 64 Z" fill="#FFE066"/>
    <path d="M34 112 H166 C 160 150 134 170 100 170 C 66 170 40 150 34 112 Z" fill="${c.main}"/>
    <path d="M34 112 H166 L152 104 H48 Z" fill="${shade(c.main, -0.2)}"/>
    <path d="M56 132 H144" stroke="${c.light}" stroke-width="5" stroke-dasharray="2 10" stroke-linecap="round"/>`,
  teabag: (c) => `${shadow(100, 186, 50)}
    <path d="M100 20 V70" stroke="#868E96" stroke-width="3"/>
    <rect x="84" y="6" width="32" height="22" rx="4" fill="${c.dark}"/>
    <path d="M60 74 H140 L148 176 H52 Z" fill="${shade(c.main, 0.55)}"/>
    <path d="M60 74 H140 L136 90 H64 Z" fill="${shade(c.main, 0.35)}"/>
    <path d="M100 108 C 124 112 128 150 100 160 C 72 150 76 112 100 108 Z" fill="${c.main}"/>
    <path d="M100 116 V154" stroke="#fff" stroke-width="3" opacity="0.6"/>`,
};

/** A long vegetable or fruit (carrot, cucumber, banana...), drawn instead of the round one. */
function longProduce(c: GlyphColors): string {
  return `${shadow(100, 182, 66)}
    <path d="M40 150 C 30 120 90 60 150 44 C 168 40 172 56 160 66 C 120 98 80 150 56 162 C 48 166 42 158 40 150 Z" fill="${c.main}"/>
    <path d="M150 44 C 156 30 170 24 182 26 C 178 40 168 48 158 52 Z" fill="#3E9B4F"/>
    <path d="M60 138 C 84 114 110 90 140 68" stroke="#fff" stroke-width="6" opacity="0.3" fill="none" stroke-linecap="round"/>`;
}

export function drawGlyph(glyph: Glyph, colors: GlyphColors, opts: { long?: boolean } = {}): string {
  if (glyph === 'produce' && opts.long) return longProduce(colors);
  return glyphs[glyph](colors);
}
