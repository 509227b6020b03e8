/**
 * PRISMA 2020 flow diagram: count types, consistency checks, an SVG rendering and a JSON
 * form. Pure string building, no DOM and no Node APIs, so browser and server share it.
 */
export * from './types';
export * from './labels';
export * from './boxes';
export * from './consistency';
export * from './palette';
export * from './svg';
export * from './json';
export { escapeXml } from './text';
