import { describe, expect, it } from "vitest";
import { anonymise } from ".";

describe("anonymise: international greetings and closings", () => {
  it.each([
    ["Hola Valentina, ¿qué tal?", "Hola [name], ¿qué tal?"],
    ["Bonjour Amélie,\nmerci.", "Bonjour [name],\nmerci."],
    ["Hej Astrid!\nTack.", "Hej [name]!\nTack."],
    ["Marhaba Yousef, hope you are well.", "Marhaba [name], hope you are well."],
    ["Kia ora Mere, thanks for this.", "Kia ora [name], thanks for this."],
    ["G'day Bazza, quick one.", "G'day [name], quick one."],
    ["Buongiorno Giulia, grazie mille!", "Buongiorno [name], grazie mille!"],
  ])("keeps the greeting and removes the name in %j", (text, expected) => {
    expect(anonymise(text).text).toBe(expected);
  });

  it.each([
    ["Danke.\n\nViele Grüße\nJohannes Albrecht", "Danke.\n\nViele Grüße\n[name]"],
    ["Merci.\nCordialement,\nÉlodie Marchand", "Merci.\nCordialement,\n[name]"],
    ["Ok.\nCordiali saluti\nMarco Bellini", "Ok.\nCordiali saluti\n[name]"],
    ["Sim.\nAbraços,\nJoão Pedro", "Sim.\nAbraços,\n[name]"],
    ["Ja.\nMed vänliga hälsningar,\nOskar Lindqvist", "Ja.\nMed vänliga hälsningar,\n[name]"],
    ["Te escribo pronto. ¡Muchas gracias! Inés", "Te escribo pronto. ¡Muchas gracias! [name]"],
    ["Nos vemos. ¡Un saludo! Rocío", "Nos vemos. ¡Un saludo! [name]"],
    ["Happy to help. Thank you! Kwame", "Happy to help. Thank you! [name]"],
    ["Talk then, ngā mihi — Tama", "Talk then, ngā mihi — [name]"],
  ])("reads the closing in %j as a sign-off", (text, expected) => {
    expect(anonymise(text).text).toBe(expected);
  });

  it("keeps closings and courtesy phrases themselves", () => {
    const text = "Vielen Dank! Muchas gracias. Mit freundlichen Grüßen. Dobrý den. Salaam, Hei, Hej.";
    expect(anonymise(text).text).toBe(text);
  });

  it("does not take an ordinary word after 'Thanks!' for a name", () => {
    expect(anonymise("Thanks! Appreciated.").text).toBe("Thanks! Appreciated.");
  });
});

describe("anonymise: sign-off lines", () => {
  it.each([
    ["Regards,\nNguyễn Thu Trang", "Regards,\n[name]"],
    ["Best,\nMay Chen", "Best,\n[name]"],
    ["Please remove me from your list.\n\nHope Okafor", "Please remove me from your list.\n\n[name]"],
    ["No thanks.\n\nWill Pemberton", "No thanks.\n\n[name]"],
  ])("redacts the name line in %j", (text, expected) => {
    expect(anonymise(text).text).toBe(expected);
  });

  it("still keeps a closing phrase on the last line", () => {
    expect(anonymise("Sure thing.\nSee You Soon").text).toBe("Sure thing.\nSee You Soon");
  });
});
