// The open data API (resource route): see app/api/router.server.ts and /api/v1/openapi.json.
import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { handleApi } from "~/api/router.server";

export const loader = ({ request, params, context }: LoaderFunctionArgs) =>
  handleApi(request, params["*"] ?? "", context.clientIp ?? "unknown");
export const action = ({ request, params, context }: ActionFunctionArgs) =>
  handleApi(request, params["*"] ?? "", context.clientIp ?? "unknown");
