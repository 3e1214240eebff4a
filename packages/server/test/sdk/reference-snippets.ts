/**
 * The snippets of ../shared/reference/payments-js-api.txt, verbatim (a test checks each still
 * appears in the reference). Each runs as a function body with `Fliplet` and `console` in scope.
 */
export const CONFIGURATION_UPDATE = `Fliplet.Payments.Configuration.update({
  provider: 'stripe',

  // Get these from https://dashboard.stripe.com/apikeys
  providerPublicKey: 'pk_live_abcdef123456',  // Publisheable key
  providerPrivateKey: 'sk_live_abcdef123456', // Secret key

  productsDataSourceId: 123  // ID of the products data source
}).then(function (result) {
  // Configuration has been set successfully.
  // Your app is almost ready to start checkout sessions.

  console.log('Webhook URL to configure in Stripe', result.webhookUrl);
  // result.webhookUrl must be configured on your payment provider,
  // see the next section of the docs here below.
  // Here's an example of what the URL looks like:
  // https://api.fliplet.com/v1/billing/apps/webhook/8a85a2edc3f3a774ac06f

});`;

export const UPDATE_SIGNING_SECRET = `Fliplet.Payments.Configuration.updateSigningSecret('whsec_123abc').then(function () {
  // Configuration has been set successfully.
  // Your app is now ready to start checkout sessions.
});`;

export const FULL_EXAMPLE = `Fliplet.Payments.Products.get().then(function (products) {

  // Create or get a customer by email
  return Fliplet.Payments.Customers.create({
    email: 'john@example.org'
  }).then(function(customer) {
    // Save customer.id if required

    // Initiate a checkout session to the payment provider
    return Fliplet.Payments.Checkout.create({
      // Options for the payment provider.
      // Refer to the Stripe documentation for the list
      // of available options you can use:
      // https://stripe.com/docs/api/checkout/sessions/create
      mode: 'payment',
      payment_method_types: ['card'],
      customer: customer.id,

      // Specify the list of items
      // https://stripe.com/docs/api/checkout/sessions/create#create_checkout_session-line_items
      line_items: [
        {
          price: products[0]['Price ID'],
          quantity: 1
        },
        {
          price: products[1]['Price ID'],
          quantity: 2
        }
      ]
    }).then(function onCheckoutCompleted(response) {
      // The checkout session has been completed.
      // The user was successfully charged for the product.

      // response.transactionDetails
    }, function onCheckoutFailed(err) {
      // The checkout session has been canceled
      // or could not be completed
    });
  });
});`;

export const CONFIGURATION_EXISTS = `Fliplet.Payments.Configuration.exists().then(function (isConfigured) {
  if (isConfigured) {
    // Payments are configured
  } else {
    // Payments are not configured
  }
});`;

export const CUSTOMERS_CREATE = `return Fliplet.Payments.Customers.create({
  email: 'nvalbusa@fliplet.com'
}).then(function(customer) {
  // Use customer as required
  console.log(customer);
});`;

export const GET_LOGS = `Fliplet.Payments.Customers.getLogs({
  customer: 'cus_abcdefg123456'
}).then(function (logs) {
  // Use logs here
});`;

export const GET_LOGS_FILTERED = `return Fliplet.Payments.Customers.getLogs({
  customer: 'cus_abcdefg123456',
  limit: 30,
  offset: 0,
  where: {
    type: 'payment_intent.created'
  }
}).then(function (logs) {

});`;

export const OPEN_BILLING_PORTAL = `Fliplet.Payments.Customers.openBillingPortal({
  customer: 'cus_abcdefg123456'
});`;

export const ALL_SNIPPETS = {
  CONFIGURATION_UPDATE,
  UPDATE_SIGNING_SECRET,
  FULL_EXAMPLE,
  CONFIGURATION_EXISTS,
  CUSTOMERS_CREATE,
  GET_LOGS,
  GET_LOGS_FILTERED,
  OPEN_BILLING_PORTAL,
};

/** Runs a snippet as written; one that is an expression statement is returned so the test can await it. */
export function asFunctionBody(snippet: string): string {
  return snippet.startsWith('return ') ? snippet : `return ${snippet}`;
}
