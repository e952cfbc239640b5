/** The OpenAPI document for integrators: browsable at /api/docs, JSON at /api/docs-json. */
import type { INestApplication } from '@nestjs/common';
import { DocumentBuilder, SwaggerModule, type OpenAPIObject } from '@nestjs/swagger';

export function buildOpenApi(app: INestApplication): OpenAPIObject {
  const config = new DocumentBuilder()
    .setTitle('Real-time exam system API')
    .setDescription(
      'REST API for teachers, admins and integrators. Authenticate with POST /api/v1/auth/login and send the access token as `Authorization: Bearer <token>`. Errors share one shape: {statusCode, code, message, details}. The live protocol (WebSocket at /ws) is described in /api/asyncapi.json.',
    )
    .setVersion('1')
    .addBearerAuth()
    .build();
  return SwaggerModule.createDocument(app, config);
}

export function setupOpenApi(app: INestApplication): void {
  SwaggerModule.setup('api/docs', app, () => buildOpenApi(app), {
    jsonDocumentUrl: 'api/docs-json',
  });
}
