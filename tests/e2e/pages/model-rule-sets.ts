import type { Locator, Page } from "@playwright/test";

/** The model setting "Rule sets for this model", on the workspace's Context tab. */
export class ModelRuleSetsSection {
  readonly contextTab: Locator;
  readonly region: Locator;
  readonly useDefaultsButton: Locator;

  constructor(readonly page: Page) {
    const main = page.getByRole("main");
    this.contextTab = main.getByRole("tab", { name: "Context" });
    this.region = main.getByRole("region", { name: "Rule sets for this model" });
    this.useDefaultsButton = this.region.getByRole("button", { name: "Use the defaults" });
  }

  async open(): Promise<void> {
    await this.contextTab.click();
  }

  /** The on/off checkbox of a rule set, by its name. */
  ruleSet(name: string): Locator {
    return this.region.getByRole("checkbox", { name, exact: true });
  }
}
