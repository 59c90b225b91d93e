// `npm run eval`: asks the built binary every question of tests/questions/questions.json and
// prints, per question and overall, precision and recall in the first rows it shows.
import { ask, loadQuestions, score } from '../tests/questions/ask.mjs';

const questions = loadQuestions();
let precision = 0;
let recall = 0;
let perfect = 0;
const pct = (x) => `${(100 * x).toFixed(0).padStart(3)}%`;
for (const q of questions) {
  const { ids, status } = ask(q);
  const s = score(q, ids);
  precision += s.precision;
  recall += s.recall;
  if (s.recall === 1) perfect++;
  const mark = s.recall === 1 ? 'ok  ' : 'MISS';
  const missing = s.missing.length > 0 ? `  missing ${s.missing.join(', ')}` : '';
  console.log(
    `${mark} P ${pct(s.precision)} R ${pct(s.recall)}  top ${q.within}: ${s.shown.join(' ') || '(none)'}  exit ${status}  armru ${q.ask}${missing}`,
  );
}
const n = questions.length;
console.log(
  `\n${n} questions: mean precision ${pct(precision / n)}, mean recall ${pct(recall / n)}, ${perfect} of ${n} answered with every expected id`,
);
process.exitCode = perfect === n ? 0 : 1;
