import { describe, expect, it } from "vitest";
import { anonymise } from ".";

describe("anonymise: names and companies", () => {
  it.each([
    ["Hi Sarah,\nThanks.", "Hi [name],\nThanks."],
    ["Dear Mr Kim, thanks.", "Dear Mr [name], thanks."],
    ["Bob - I haven't responded.", "[name] - I haven't responded."],
    ["Ok.\nBest, Sarah Kim", "Ok.\nBest, [name]"],
    ["Sure.\n— Tomás Ruiz", "Sure.\n— [name]"],
    ["Yes.\nCheers\nTom", "Yes.\nCheers\n[name]"],
    ["ok!\nthanks,\njen", "ok!\nthanks,\n[name]"],
    ["I spoke with Priya Natarajan last week.", "I spoke with [name] last week."],
    ["I met Olúwaseun and Björn there.", "I met [name] and [name] there."],
  ])("redacts the name in %j", (text, expected) => {
    expect(anonymise(text).text).toBe(expected);
  });

  it("finds employers by context, suffix and signature line", () => {
    expect(anonymise("I work at Brightwater Analytics now.").text).toBe("I work at [company] now.");
    expect(anonymise("I'm Dana from Juniper Ridge Capital.").text).toBe("I'm [name] from [company].");
    expect(anonymise("Best,\nDiego Morales\nVP of Sales, Quarry Lane Software").text).toBe(
      "Best,\n[name]\nVP of Sales, [company]",
    );
  });

  it("redacts later mentions of a name it found once", () => {
    expect(anonymise("Hi Sarah, is Sarah's team hiring?").text).toBe("Hi [name], is [name]'s team hiring?");
  });

  it("keeps ordinary words, dates, products and titles", () => {
    const text =
      "May I ask about the grace period? Mark my words, I will pay a bill by Monday. Hope all is well. " +
      "The rose garden opens at Christmas and the New Year. Talk on Zoom, Slack, Google Meet or Teams; " +
      "see my LinkedIn or InMail, or Calendly. The CEO, CTO, VP of Sales and Head of Operations said " +
      "people don't HAVE to answer: the TRUTH is NOT simple.\nSincerely";
    expect(anonymise(text).text).toBe(text);
  });
});

describe("anonymise: names that are also words", () => {
  it.each([
    ["Hi Grace, thanks for the intro.", "Hi [name], thanks for the intro."],
    ["Hi Sunny and Hope,\nthanks!", "Hi [name] and [name],\nthanks!"],
    ["Rusty here — Dana passed on your note.", "[name] here — [name] passed on your note."],
    ["Hello, Mercy here. Got your CV.", "Hello, [name] here. Got your CV."],
  ])("redacts the name in %j", (text, expected) => {
    expect(anonymise(text).text).toBe(expected);
  });

  it("leaves the same words alone elsewhere", () => {
    const text = "I hope you will get a fair grace period. Frankly, here is the plan.";
    expect(anonymise(text).text).toBe(text);
  });

  it("takes two unknown capitalised words at a sentence start as a full name", () => {
    expect(anonymise("We spoke last week. Thandiwe Mokoena, who runs the team, said yes.").text).toBe(
      "We spoke last week. [name], who runs the team, said yes.",
    );
  });
});

describe("anonymise: lowercase texting style", () => {
  it.each([
    ["yo! my boss priya raman said to ping u", "yo! my boss [name] said to ping u"],
    ["come to the stand at 3 and ask for obinna, he's great", "come to the stand at 3 and ask for [name], he's great"],
    ["lol i'm still at quillmark, u?", "lol i'm still at [company], u?"],
    ["just joined bellhaven last month tbh", "just joined [company] last month tbh"],
    ["she's at northgate credit now i think", "she's at [company] now i think"],
    ["we met at segun and lara's party ages ago", "we met at [name] and [name]'s party ages ago"],
    ["heyy, dami here! long time", "heyy, [name] here! long time"],
  ])("finds the name or company in %j", (text, expected) => {
    expect(anonymise(text).text).toBe(expected);
  });

  it("keeps ordinary words after the same cues", () => {
    const text = "i'm at work rn and at uni tmrw, meet at brunch? my friend said ask for feedback lol";
    expect(anonymise(text).text).toBe(text);
  });
});

describe("anonymise: honorifics in other languages", () => {
  it.each([
    ["Dzień dobry Pani Agnieszko, dziękuję za wiadomość.", "Pani", "Agnieszko"],
    ["Sehr geehrter Herr Lindqvist, vielen Dank.", "Herr", "Lindqvist"],
    ["Estimada Señora Quintana, gracias por su tiempo.", "Señora", "Quintana"],
    ["Merhaba Elif Hanım, teşekkürler.", "Hanım", "Elif"],
    ["Sayın Korkmaz, iyi çalışmalar.", "Sayın", "Korkmaz"],
  ])("keeps the title and removes the name in %j", (text, title, name) => {
    const out = anonymise(text).text;
    expect(out).toContain(title);
    expect(out).not.toContain(name);
  });

  it("takes the name before -san and -ji and keeps the suffix", () => {
    expect(anonymise("Could you ask Morimoto-san about it?").text).toBe("Could you ask [name]-san about it?");
    expect(anonymise("maybe ask akiko-san, she knows").text).toBe("maybe ask [name]-san, she knows");
    expect(anonymise("Please thank Verma-ji for me.").text).toBe("Please thank [name]-ji for me.");
  });

  it("takes a Han name before 様 or さん", () => {
    expect(anonymise("小林様、お世話になっております。").text).toBe("[name]様、お世話になっております。");
  });
});

describe("anonymise: words that only look like names", () => {
  it.each([
    "We met at DjangoCon last spring and again at KubeCon.",
    "I speak Ukrainian, Amharic and a little Portuguese.",
    "We are off for Timkat and back after Meskel.",
    "I'll be away for Semana Santa and Día de Muertos.",
  ])("keeps %j", (text) => {
    expect(anonymise(text).text).toBe(text);
  });

  it.each([
    ["Dear candidate,\nthanks for applying.", "Dear candidate"],
    ["Dear applicants,\nthe deadline moved.", "Dear applicants"],
    ["Dear Sir or Madam,\nI am writing about the role.", "Dear Sir or Madam"],
    ["Dear hiring team,\nplease find my CV attached.", "Dear hiring team"],
  ])("keeps the generic greeting in %j", (text, greeting) => {
    expect(anonymise(text).text).toContain(greeting);
  });

  it("keeps multi-word greetings and names the person after them", () => {
    expect(anonymise("Assalamu Alaikum Farid, hope all is well.").text).toBe(
      "Assalamu Alaikum [name], hope all is well.",
    );
    expect(anonymise("Guten Tag Lotte, danke für die Nachricht.").text).toBe(
      "Guten Tag [name], danke für die Nachricht.",
    );
    expect(anonymise("God bless.").text).toBe("God bless.");
  });

  it("keeps German nouns in a German message", () => {
    const text =
      "Hallo Jens,\nich habe im Frühling mit der Geschäftsleitung über die Weiterbildung gesprochen. Ab März bin ich in Elternzeit.\nViele Grüße\nMaren";
    const out = anonymise(text).text;
    for (const w of ["Frühling", "Geschäftsleitung", "Weiterbildung", "März", "Elternzeit"]) expect(out).toContain(w);
    expect(out).not.toContain("Jens");
    expect(out).not.toContain("Maren");
  });

  it("keeps department names in other languages in a signature", () => {
    const out = anonymise("Saludos,\nInés Barragán\nDepartamento de Recursos Humanos").text;
    expect(out).toContain("Recursos Humanos");
    expect(out).not.toContain("Inés");
  });
});

describe("anonymise: names in name slots", () => {
  it.each([
    ["Looking forward to it. Tsehay", "Tsehay"],
    ["Hope to hear back soon. Dyakuyu! Oksana", "Oksana"],
    ["Kia ora koutou, I'm Aroha — keen to connect.", "Aroha"],
    ["Thanks for the intro. I'll ask Hope whether she is free.", "Hope"],
    ["Frank from our data team will call you.", "Frank"],
    ["Best,\nCiara Nic Giolla Bhríde", "Nic"],
    ["--\nAoki Ren 青木 蓮", "青木"],
    ["Cheers, great to meet you.\n\nHarriet | Lumenfield Talent", "Harriet"],
  ])("removes the name in %j", (text, name) => {
    expect(anonymise(text).text).not.toContain(name);
  });

  it("reads lowercase names from speech verbs, relations, sign-offs and 'from the'", () => {
    const out = anonymise(
      "hey so grace said ur hiring?? my friend ivy is keen too, also hazel from the infra team says hi. thanks!! lin",
    ).text;
    expect(out).not.toMatch(/\bgrace\b|\bivy\b|\bhazel\b|\blin\b/);
    expect(anonymise("would love to chat if ur free 🙏 - may").text).toBe("would love to chat if ur free 🙏 - [name]");
  });
});
