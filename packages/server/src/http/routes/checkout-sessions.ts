import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { createCheckout, getCheckout } from '../../payments/checkout/checkout.js';
import { requireAppLevel } from '../../security/auth.js';
import { appAccess } from '../context.js';
import { AppParams, bearerSecurity, errorResponses } from '../schemas/common.js';

const StringMap = Type.Record(Type.String({ maxLength: 40 }), Type.String({ maxLength: 500 }));

/** Stripe's own checkout options that paykit passes through; URLs and prices are paykit's to set. */
const CheckoutBody = Type.Object(
  {
    mode: Type.Optional(Type.Union([Type.Literal('payment'), Type.Literal('subscription'), Type.Literal('setup')])),
    line_items: Type.Array(
      Type.Object(
        {
          price: Type.String({ minLength: 1, maxLength: 255 }),
          quantity: Type.Optional(Type.Integer({ minimum: 1, maximum: 999 })),
        },
        { additionalProperties: false },
      ),
      { minItems: 1, maxItems: 100 },
    ),
    customer: Type.Optional(Type.String({ minLength: 1, maxLength: 255 })),
    customer_email: Type.Optional(Type.String({ format: 'email', maxLength: 254 })),
    payment_method_types: Type.Optional(Type.Array(Type.String({ pattern: '^[a-z_]+$', maxLength: 40 }), { maxItems: 20 })),
    metadata: Type.Optional(StringMap),
    locale: Type.Optional(Type.String({ maxLength: 10 })),
    allow_promotion_codes: Type.Optional(Type.Boolean()),
    billing_address_collection: Type.Optional(Type.Union([Type.Literal('auto'), Type.Literal('required')])),
    submit_type: Type.Optional(Type.String({ maxLength: 20 })),
    subscription_data: Type.Optional(
      Type.Object(
        { trial_period_days: Type.Optional(Type.Integer({ minimum: 1, maximum: 730 })), metadata: Type.Optional(StringMap) },
        { additionalProperties: false },
      ),
    ),
    payment_intent_data: Type.Optional(
      Type.Object(
        { description: Type.Optional(Type.String({ maxLength: 500 })), metadata: Type.Optional(StringMap) },
        { additionalProperties: false },
      ),
    ),
    paykit_return_url: Type.Optional(Type.String({ format: 'uri', pattern: '^https?://', maxLength: 2000 })),
  },
  { additionalProperties: false },
);

const CheckoutParams = Type.Object({
  appId: Type.String({ minLength: 1, maxLength: 64 }),
  checkoutId: Type.String({ minLength: 1, maxLength: 64 }),
});

export const checkoutRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.post(
    '/v1/apps/:appId/payments/checkout-sessions',
    {
      schema: {
        tags: ['checkout'],
        summary: 'Checkout.create: a hosted checkout for prices of the app catalogue',
        security: bearerSecurity,
        params: AppParams,
        body: CheckoutBody,
        response: { 200: Type.Object({ id: Type.String(), url: Type.Union([Type.String(), Type.Null()]) }), ...errorResponses },
      },
    },
    async (request) => {
      const { access } = await appAccess(request, request.params.appId);
      requireAppLevel(access);
      return createCheckout(app.payments, request.params.appId, request.body, request.commitWithResponse);
    },
  );

  app.get(
    '/v1/apps/:appId/payments/checkout-sessions/:checkoutId',
    {
      schema: {
        tags: ['checkout'],
        summary: 'The state of a checkout: open | complete | expired | canceled, with transactionDetails when complete',
        security: bearerSecurity,
        params: CheckoutParams,
      },
    },
    async (request) => {
      const { access } = await appAccess(request, request.params.appId);
      requireAppLevel(access);
      return getCheckout(app.payments, request.params.appId, request.params.checkoutId);
    },
  );
};
