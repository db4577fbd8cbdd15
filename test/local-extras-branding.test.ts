// Managed login branding (Create/Describe/DescribeByClient/Update/DeleteManagedLoginBranding) end to
// end through the AWS SDK v3 over HTTP: the settings document and asset bytes round-trip.
import * as C from "@aws-sdk/client-cognito-identity-provider";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { failure, type LocalHarness, startLocal } from "./helpers/local-server.js";

let h: LocalHarness;
let poolId: string;

const SETTINGS = {
  components: { primaryButton: { lightMode: { defaults: { backgroundColor: "0972d3ff" } } } },
  categories: { global: { colorSchemeMode: "LIGHT", spacingDensity: "REGULAR" } },
};
const LOGO = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 1, 2, 3]);

async function newClient(): Promise<string> {
  const { UserPoolClient } = await h.client.send(
    new C.CreateUserPoolClientCommand({ UserPoolId: poolId, ClientName: "branded" }),
  );
  return UserPoolClient?.ClientId as string;
}

beforeAll(async () => {
  h = await startLocal();
  const { UserPool } = await h.client.send(new C.CreateUserPoolCommand({ PoolName: "extras-branding" }));
  poolId = UserPool?.Id as string;
});
afterAll(async () => {
  await h.close();
});

describe("managed login branding", () => {
  it("stores the settings document and assets, describes, updates and deletes", async () => {
    const clientId = await newClient();
    const created = await h.client.send(
      new C.CreateManagedLoginBrandingCommand({
        UserPoolId: poolId,
        ClientId: clientId,
        Settings: SETTINGS,
        Assets: [{ Category: "FORM_LOGO", ColorMode: "LIGHT", Extension: "PNG", Bytes: LOGO }],
      }),
    );
    const b = created.ManagedLoginBranding as C.ManagedLoginBrandingType;
    expect(b.ManagedLoginBrandingId).toMatch(/^[0-9a-f-]{36}$/);
    expect(b.UserPoolId).toBe(poolId);
    expect(b.UseCognitoProvidedValues).toBe(false);
    expect(b.Settings).toEqual(SETTINGS);
    expect(b.Assets?.[0]).toMatchObject({ Category: "FORM_LOGO", ColorMode: "LIGHT", Extension: "PNG" });
    expect(Buffer.from(b.Assets?.[0].Bytes as Uint8Array)).toEqual(Buffer.from(LOGO));

    const byId = await h.client.send(
      new C.DescribeManagedLoginBrandingCommand({
        UserPoolId: poolId,
        ManagedLoginBrandingId: b.ManagedLoginBrandingId,
      }),
    );
    expect(byId.ManagedLoginBranding?.Settings).toEqual(SETTINGS);
    const byClient = await h.client.send(
      new C.DescribeManagedLoginBrandingByClientCommand({ UserPoolId: poolId, ClientId: clientId }),
    );
    expect(byClient.ManagedLoginBranding?.ManagedLoginBrandingId).toBe(b.ManagedLoginBrandingId);

    // New settings replace the old; assets not given stay.
    const updated = await h.client.send(
      new C.UpdateManagedLoginBrandingCommand({
        UserPoolId: poolId,
        ManagedLoginBrandingId: b.ManagedLoginBrandingId,
        Settings: { categories: { global: { colorSchemeMode: "DARK" } } },
      }),
    );
    expect(updated.ManagedLoginBranding?.Settings).toEqual({
      categories: { global: { colorSchemeMode: "DARK" } },
    });
    expect(updated.ManagedLoginBranding?.Assets).toHaveLength(1);

    const reset = await h.client.send(
      new C.UpdateManagedLoginBrandingCommand({
        UserPoolId: poolId,
        ManagedLoginBrandingId: b.ManagedLoginBrandingId,
        UseCognitoProvidedValues: true,
      }),
    );
    expect(reset.ManagedLoginBranding?.UseCognitoProvidedValues).toBe(true);
    expect(reset.ManagedLoginBranding?.Settings).toBeUndefined();
    expect(reset.ManagedLoginBranding?.Assets).toEqual([]);

    await h.client.send(
      new C.DeleteManagedLoginBrandingCommand({
        UserPoolId: poolId,
        ManagedLoginBrandingId: b.ManagedLoginBrandingId,
      }),
    );
    const gone = await failure(
      h.client.send(
        new C.DescribeManagedLoginBrandingByClientCommand({ UserPoolId: poolId, ClientId: clientId }),
      ),
    );
    expect(gone.name).toBe("ResourceNotFoundException");
    const goneById = await failure(
      h.client.send(
        new C.DeleteManagedLoginBrandingCommand({
          UserPoolId: poolId,
          ManagedLoginBrandingId: b.ManagedLoginBrandingId,
        }),
      ),
    );
    expect(goneById.name).toBe("ResourceNotFoundException");
  });

  it("one style per client; defaults exclude settings; bad input is refused", async () => {
    const clientId = await newClient();
    const first = await h.client.send(
      new C.CreateManagedLoginBrandingCommand({
        UserPoolId: poolId,
        ClientId: clientId,
        UseCognitoProvidedValues: true,
      }),
    );
    expect(first.ManagedLoginBranding?.UseCognitoProvidedValues).toBe(true);
    const dup = await failure(
      h.client.send(
        new C.CreateManagedLoginBrandingCommand({ UserPoolId: poolId, ClientId: clientId, Settings: {} }),
      ),
    );
    expect(dup.name).toBe("ManagedLoginBrandingExistsException");

    const other = await newClient();
    const both = await failure(
      h.client.send(
        new C.CreateManagedLoginBrandingCommand({
          UserPoolId: poolId,
          ClientId: other,
          UseCognitoProvidedValues: true,
          Settings: SETTINGS,
        }),
      ),
    );
    expect(both.name).toBe("InvalidParameterException");
    const badAsset = await failure(
      h.client.send(
        new C.CreateManagedLoginBrandingCommand({
          UserPoolId: poolId,
          ClientId: other,
          Assets: [
            { Category: "NOT_A_CATEGORY" as never, ColorMode: "LIGHT", Extension: "PNG", Bytes: LOGO },
          ],
        }),
      ),
    );
    expect(badAsset.name).toBe("InvalidParameterException");
    expect(badAsset.message).toContain("Member must satisfy enum value set");
    const twice = await failure(
      h.client.send(
        new C.CreateManagedLoginBrandingCommand({
          UserPoolId: poolId,
          ClientId: other,
          Assets: [
            { Category: "FORM_LOGO", ColorMode: "LIGHT", Extension: "PNG", Bytes: LOGO },
            { Category: "FORM_LOGO", ColorMode: "LIGHT", Extension: "SVG", Bytes: LOGO },
          ],
        }),
      ),
    );
    expect(twice.name).toBe("InvalidParameterException");
    // An asset over 1,000,000 bytes (sent in process: `local serve` caps request bodies at 1 MiB).
    const tooBig = await h.endpoint.handle({
      target: "AWSCognitoIdentityProviderService.CreateManagedLoginBranding",
      headers: {},
      body: JSON.stringify({
        UserPoolId: poolId,
        ClientId: other,
        Assets: [
          {
            Category: "PAGE_BACKGROUND",
            ColorMode: "DARK",
            Extension: "PNG",
            Bytes: Buffer.alloc(1_000_001).toString("base64"),
          },
        ],
      }),
    });
    expect(JSON.parse(tooBig.body).__type).toBe("InvalidParameterException");

    const noClient = await failure(
      h.client.send(
        new C.CreateManagedLoginBrandingCommand({ UserPoolId: poolId, ClientId: "nosuchclient" }),
      ),
    );
    expect(noClient.name).toBe("ResourceNotFoundException");
    const noIds = await failure(
      h.client.send(new C.UpdateManagedLoginBrandingCommand({ UserPoolId: poolId })),
    );
    expect(noIds.name).toBe("InvalidParameterException");
    expect(noIds.message).toContain("Value null at 'managedLoginBrandingId' failed to satisfy constraint");
  });

  it("deleting the app client deletes its style", async () => {
    const clientId = await newClient();
    const { ManagedLoginBranding } = await h.client.send(
      new C.CreateManagedLoginBrandingCommand({ UserPoolId: poolId, ClientId: clientId, Settings: SETTINGS }),
    );
    await h.client.send(new C.DeleteUserPoolClientCommand({ UserPoolId: poolId, ClientId: clientId }));
    const gone = await failure(
      h.client.send(
        new C.DescribeManagedLoginBrandingCommand({
          UserPoolId: poolId,
          ManagedLoginBrandingId: ManagedLoginBranding?.ManagedLoginBrandingId as string,
        }),
      ),
    );
    expect(gone.name).toBe("ResourceNotFoundException");
  });
});
