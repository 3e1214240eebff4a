import { hostedPage } from '../../shared/hosted-page.js';

export { escapeHtml, formatAmount } from '../../shared/hosted-page.js';

export const page = (title: string, body: string): string => hostedPage({ name: 'Stripe', accent: '#533afd' }, title, body);
