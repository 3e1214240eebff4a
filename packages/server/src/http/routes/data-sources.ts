import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import * as dataSources from '../../payments/data-sources/data-sources.js';
import { studioCaller } from '../context.js';
import { bearerSecurity, errorResponses } from '../schemas/common.js';

const Entry = Type.Object({ id: Type.Integer(), data: Type.Record(Type.String(), Type.Unknown()) });
const EntryData = Type.Object(
  { data: Type.Record(Type.String({ minLength: 1, maxLength: 100 }), Type.Unknown(), { maxProperties: 100 }) },
  { additionalProperties: false },
);
// Ids are PostgreSQL integers: a larger number is a 400 here, not a database error.
const RowId = () => Type.Integer({ minimum: 1, maximum: 2_147_483_647 });
const SourceParams = Type.Object({ id: RowId() });
const EntryParams = Type.Object({ id: RowId(), entryId: RowId() });
const DataSource = Type.Object({ id: Type.Integer(), name: Type.String(), appId: Type.String() });
const tags = ['data sources'];

export const dataSourceRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const db = () => app.payments.db;

  app.post(
    '/v1/data-sources',
    {
      schema: {
        tags,
        security: bearerSecurity,
        body: Type.Object({ appId: Type.String({ minLength: 1, maxLength: 64 }), name: Type.String({ minLength: 1, maxLength: 200 }) }, { additionalProperties: false }),
        response: { 200: DataSource, ...errorResponses },
      },
    },
    async (request) => {
      const { organisationId } = await studioCaller(request);
      return dataSources.createDataSource(db(), organisationId, request.body);
    },
  );

  app.get(
    '/v1/data-sources',
    {
      schema: {
        tags,
        security: bearerSecurity,
        querystring: Type.Object({ appId: Type.String({ minLength: 1, maxLength: 64 }) }, { additionalProperties: false }),
        response: { 200: Type.Object({ dataSources: Type.Array(DataSource) }), ...errorResponses },
      },
    },
    async (request) => {
      const { organisationId } = await studioCaller(request);
      return { dataSources: await dataSources.listDataSources(db(), organisationId, request.query.appId) };
    },
  );

  app.get(
    '/v1/data-sources/:id/entries',
    { schema: { tags, security: bearerSecurity, params: SourceParams, response: { 200: Type.Object({ entries: Type.Array(Entry) }), ...errorResponses } } },
    async (request) => {
      const { organisationId } = await studioCaller(request);
      return { entries: await dataSources.listEntries(db(), organisationId, request.params.id) };
    },
  );

  app.post(
    '/v1/data-sources/:id/entries',
    { schema: { tags, security: bearerSecurity, params: SourceParams, body: EntryData, response: { 200: Entry, ...errorResponses } } },
    async (request) => {
      const { organisationId } = await studioCaller(request);
      return dataSources.addEntry(db(), organisationId, request.params.id, request.body.data);
    },
  );

  app.put(
    '/v1/data-sources/:id/entries/:entryId',
    { schema: { tags, security: bearerSecurity, params: EntryParams, body: EntryData, response: { 200: Entry, ...errorResponses } } },
    async (request) => {
      const { organisationId } = await studioCaller(request);
      return dataSources.updateEntry(db(), organisationId, request.params.id, request.params.entryId, request.body.data);
    },
  );

  app.delete(
    '/v1/data-sources/:id/entries/:entryId',
    { schema: { tags, security: bearerSecurity, params: EntryParams, response: { 200: Type.Object({ deleted: Type.Boolean() }), ...errorResponses } } },
    async (request) => {
      const { organisationId } = await studioCaller(request);
      await dataSources.deleteEntry(db(), organisationId, request.params.id, request.params.entryId);
      return { deleted: true };
    },
  );
};
