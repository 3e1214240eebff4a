import type { FastifyInstance } from 'fastify';
import { ValidationError } from '../../errors/index.js';

const nonFinite = (part: unknown) =>
  part !== null && typeof part === 'object' && Object.entries(part).find(([, v]) => typeof v === 'number' && !Number.isFinite(v))?.[0];

/**
 * ajv coerces a parameter like `1e309` to Infinity and its integer, minimum and maximum checks let
 * it through; the databases then fail on it. Refuse it like any other invalid value.
 */
export function refuseNonFiniteNumbers(app: FastifyInstance) {
  app.addHook('preHandler', async (request) => {
    for (const [where, part] of [['params', request.params], ['querystring', request.query], ['body', request.body]] as const) {
      const field = nonFinite(part);
      if (field) throw new ValidationError(`${where}.${field} must be a finite number.`, { field: `${where}.${field}` });
    }
  });
}
