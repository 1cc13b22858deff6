/**
 * The webhook (the original's WatchbotUseWebhooks) for senders that cannot call SNS: a REST API
 * whose one method, POST /, publishes the request's `Message` (and optional `Subject`) to the
 * work topic through an AWS service integration — no Lambda — behind an API key and a usage
 * plan that throttles it.
 */
import type { BuildContext, Resources } from './build-context.js';
import { ApiGateway, GetAtt, IAM, Ref } from './cloudform.js';
import { sub } from './intrinsic.js';

/** The stage name, the last part of the webhook's URL. */
export const webhookStageName = 'v1';

/** What a request body must be: {"Message": "…", "Subject"?: "…"}, as the original's webhook took. */
const requestSchema = {
  $schema: 'http://json-schema.org/draft-04/schema#',
  title: 'WatchbotMessage',
  type: 'object',
  required: ['Message'],
  properties: { Message: { type: 'string', minLength: 1 }, Subject: { type: 'string', minLength: 1, maxLength: 100 } },
};

/** SNS Publish as a form-encoded query; ${Topic} is filled by Fn::Sub, the rest by API Gateway. */
const publishTemplate = [
  "#set($subject = $input.path('$.Subject'))",
  "Action=Publish&TopicArn=$util.urlEncode('${Topic}')&Message=$util.urlEncode($input.path('$.Message'))#if(\"$!subject\" != \"\")&Subject=$util.urlEncode($subject)#end",
].join('\n');

/** The REST API and everything it needs, when the webhook is on. */
export function buildWebhook({ options, ids, workTopicArn }: BuildContext): Resources {
  if (options.webhook === undefined || workTopicArn === undefined) return {};
  const api = Ref(ids.WebhookApi);
  return {
    [ids.WebhookApi]: new ApiGateway.RestApi({
      Name: `${options.serviceName}-webhook`,
      Description: `Publishes messages to ${options.serviceName}'s Watchbot work topic`,
      EndpointConfiguration: { Types: ['REGIONAL'] },
    }),
    [ids.WebhookModel]: new ApiGateway.Model({ RestApiId: api, ContentType: 'application/json', Name: 'WatchbotMessage', Schema: requestSchema }),
    [ids.WebhookValidator]: new ApiGateway.RequestValidator({ RestApiId: api, ValidateRequestBody: true, ValidateRequestParameters: false }),
    [ids.WebhookRole]: new IAM.Role({
      AssumeRolePolicyDocument: {
        Version: '2012-10-17',
        Statement: [{ Effect: 'Allow', Principal: { Service: 'apigateway.amazonaws.com' }, Action: 'sts:AssumeRole' }],
      },
      Policies: [{ PolicyName: 'watchbot-webhook', PolicyDocument: { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: 'sns:Publish', Resource: workTopicArn }] } }],
    }),
    [ids.WebhookMethod]: new ApiGateway.Method({
      RestApiId: api,
      ResourceId: GetAtt(ids.WebhookApi, 'RootResourceId'),
      HttpMethod: 'POST',
      AuthorizationType: 'NONE',
      ApiKeyRequired: true,
      RequestValidatorId: Ref(ids.WebhookValidator),
      RequestModels: { 'application/json': Ref(ids.WebhookModel) },
      Integration: {
        Type: 'AWS',
        IntegrationHttpMethod: 'POST',
        Uri: sub('arn:${AWS::Partition}:apigateway:${AWS::Region}:sns:action/Publish'),
        Credentials: GetAtt(ids.WebhookRole, 'Arn'),
        PassthroughBehavior: 'NEVER',
        RequestParameters: {
          'integration.request.header.Content-Type': "'application/x-www-form-urlencoded'",
          'integration.request.header.Accept': "'application/json'",
        },
        RequestTemplates: { 'application/json': sub(publishTemplate, { Topic: workTopicArn }) },
        IntegrationResponses: [
          { StatusCode: '200', ResponseTemplates: { 'application/json': "{\"messageId\": \"$input.path('$.PublishResponse.PublishResult.MessageId')\"}" } },
          { StatusCode: '400', SelectionPattern: '4\\d{2}' },
          { StatusCode: '502', SelectionPattern: '5\\d{2}' },
        ],
      },
      MethodResponses: [{ StatusCode: '200' }, { StatusCode: '400' }, { StatusCode: '502' }],
    }),
    // A deployment snapshots the API once; it is not redeployed when the method changes later.
    [ids.WebhookDeployment]: new ApiGateway.Deployment({ RestApiId: api, Description: 'Watchbot webhook' }).dependsOn([ids.WebhookMethod]),
    [ids.WebhookStage]: new ApiGateway.Stage({ RestApiId: api, DeploymentId: Ref(ids.WebhookDeployment), StageName: webhookStageName }),
    [ids.WebhookApiKey]: new ApiGateway.ApiKey({ Enabled: true, Description: `Sends messages to ${options.serviceName}` }),
    [ids.WebhookUsagePlan]: new ApiGateway.UsagePlan({
      UsagePlanName: `${options.serviceName}-webhook`,
      ApiStages: [{ ApiId: api, Stage: Ref(ids.WebhookStage) }],
      Throttle: { RateLimit: options.webhook.rateLimitPerSecond, BurstLimit: options.webhook.burstLimit },
    }),
    [ids.WebhookUsagePlanKey]: new ApiGateway.UsagePlanKey({ KeyId: Ref(ids.WebhookApiKey), KeyType: 'API_KEY', UsagePlanId: Ref(ids.WebhookUsagePlan) }),
  };
}
