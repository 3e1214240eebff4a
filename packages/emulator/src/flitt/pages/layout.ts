import { hostedPage } from '../../shared/hosted-page.js';

export { escapeHtml, formatAmount } from '../../shared/hosted-page.js';

export const page = (title: string, body: string): string => hostedPage({ name: 'Flitt', accent: '#0b6e4f' }, title, body);
