// Steps the specs share: set up a fresh shop through the first-start screen,
// sign in with a PIN, and receive a job at the counter.

/** The demo shop's PINs (src/demo/mod.rs), in the English demo's names. */
export const DEMO = { manager: ["Helen Park", "2468"], counter: ["Tom Reyes", "1357"] };

export async function setUpShop(app, { lang = "en" } = {}) {
  await app.sees(lang === "en" ? "Welcome to Jobcard" : "欢迎使用");
  // Saved empty: every missing field says so at once, at the field.
  await app.click('[data-testid="setup-save"]');
  await app.waitFor(
    async () => (await app.exec(`return document.querySelectorAll('.field .error').length`)) === 4,
    "the four missing fields marked at once",
  );
  await app.shot("setup-missing");
  await app.type('[data-testid="legal-name"]', "Riverside Garage Ltd");
  await app.type('[data-testid="manager-name"]', "Mia Chen");
  await app.type('[data-testid="manager-pin"]', "5731");
  await app.type('[data-testid="manager-pin-again"]', "5731");
  await app.shot("setup");
  await app.click('[data-testid="setup-save"]');
  await signIn(app, "Mia Chen", "5731");
}

/** At the locked counter: pick the person, type the PIN, press Enter. */
export async function signIn(app, name, pin) {
  await app.find(`[data-person="${name}"]`, 60000);
  await app.shot("sign-in");
  await app.click(`[data-person="${name}"]`);
  await app.type('[data-testid="pin"]', pin);
  await app.press('[data-testid="pin"]', "Enter");
  await app.find('[data-testid="search"]');
}

/** Locks the counter so the next person signs in. */
export async function switchPerson(app, name, pin) {
  await app.click('[data-testid="lock"]');
  await signIn(app, name, pin);
}

export async function receiveJob(app, { name = "Wang Wei", plate = "B12345", complaint = "Brakes squeal when stopping" } = {}) {
  await app.click('[data-nav="reception"]');
  await app.type('[data-testid="customer-name"]', name);
  await app.type('[data-testid="customer-phone"]', "13800138000");
  await app.type('[data-testid="plate"]', plate);
  await app.type('[data-testid="make"]', "Toyota");
  await app.type('[data-testid="model"]', "Corolla");
  await app.type('[data-testid="odometer"]', "42,000"); // as people write it
  await app.type('[data-testid="complaint"]', complaint);
  // The promise in one click: tomorrow at 10.
  await app.click('[data-preset="tomorrow-10"]');
  if (!(await app.exec(`return document.querySelector('[data-testid="promised"]').value`)).endsWith("T10:00"))
    throw new Error("the preset did not fill the promised time");
  // The native picker shows the system's format; the field says the time in the UI's words.
  if (!/\b10:00\b/.test(await app.text('[data-testid="promised-words"]'))) throw new Error("the promise is not said in words");
  await app.shot("reception");
  await app.click('[data-testid="receive"]');
  await app.find('[data-testid="job-number"]');
  return (await app.text('[data-testid="job-number"]')).split(" ")[0];
}

export async function addLine(app, { kind, description, qty, price, partNumber }) {
  await app.choose('[data-testid="line-kind"]', kind);
  await app.type('[data-testid="line-description"]', description);
  if (partNumber) await app.type("input.mid", partNumber);
  await app.type('[data-testid="line-qty"]', qty);
  if (price !== undefined) await app.type('[data-testid="line-price"]', price);
  await app.click('[data-testid="add-line"]');
  await app.sees(description);
}

/** The joint inspection, acknowledged by the customer (verbally, or signed). */
export async function inspect(app, { sign = false } = {}) {
  await app.click('[data-tab="inspection"]');
  await app.click('[data-testid="start-inspection"]');
  await app.find('[data-testid="acknowledge"]');
  if (sign) {
    await app.sign('[data-testid="signature"]');
    await app.sees("Signed");
  } else {
    await app.choose('[data-testid="ack-method"]', "verbal");
  }
  await app.click('[data-testid="all-ok"]');
  await app.waitFor(async () => !(await app.exec(`return !!document.querySelector('[data-testid="all-ok"]')`)), "every row checked");
  await app.click('[data-testid="acknowledge"]');
  await app.find('[data-testid="acknowledged"]');
}
