// iCalendar files through Mozilla's ical.js (as Thunderbird and web
// calendars read them): each file parses, each VEVENT becomes an event
// with a start date. Prints `file<TAB>problem` per problem.
import fs from "node:fs";
import ICAL from "ical.js";

let problems = 0;
for (const file of process.argv.slice(2)) {
  const say = (msg) => {
    problems += 1;
    console.log(`${file}\t${msg}`);
  };
  try {
    const root = new ICAL.Component(ICAL.parse(fs.readFileSync(file, "utf8")));
    if (root.name !== "vcalendar") say(`the root is ${root.name}, not vcalendar`);
    for (const v of root.getAllSubcomponents("vevent")) {
      const ev = new ICAL.Event(v);
      if (!ev.uid) say("a VEVENT without UID");
      if (!ev.startDate) say(`VEVENT ${ev.uid}: no start date`);
      if (ev.endDate && ev.startDate && ev.endDate.compare(ev.startDate) < 0) {
        say(`VEVENT ${ev.uid}: ends before it starts`);
      }
    }
  } catch (e) {
    say(`does not parse: ${e.message}`);
  }
}
process.exit(problems ? 1 : 0);
