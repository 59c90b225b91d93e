import {
  type CompletionSpec,
  completionScript,
  type OptionSpec,
  type Shell,
} from '../render/completion.js';
import type { CommandContext, Outcome } from './context.js';
import {
  COMMANDS,
  GLOBAL_OPTIONS,
  IDS_COMMAND,
  type OptionDefinition,
  OUTPUT_OPTIONS,
} from './registry.js';

/** An option as the completion scripts need it, from its declaration. */
function optionSpec(option: OptionDefinition): OptionSpec {
  const long = /--[a-z-]+/.exec(option.flags)?.[0];
  const short = /(?:^|\s)(-[a-zA-Z])\b/.exec(option.flags)?.[1];
  const choices = option.choices ?? option.values;
  return {
    ...(long ? { long } : {}),
    ...(short ? { short } : {}),
    description: option.description,
    takesValue: /[<[]/.test(option.flags),
    ...(choices ? { choices } : {}),
    ...(option.complete === 'path' ? { path: true } : {}),
    ...(option.complete && option.complete !== 'path' ? { names: option.complete } : {}),
  };
}

const HELP: OptionSpec = {
  long: '--help',
  short: '-h',
  description: 'show help',
  takesValue: false,
};

/** The whole command line for the completion scripts, read from the command declarations. */
export function completionSpec(): CompletionSpec {
  return {
    program: 'armru',
    globalOptions: [...GLOBAL_OPTIONS.map(optionSpec), HELP],
    commands: COMMANDS.filter((c) => !c.hidden).map((c) => ({
      name: c.name,
      description: c.summary,
      options: [
        ...(c.listing ? [...c.options, ...OUTPUT_OPTIONS] : c.options).map(optionSpec),
        HELP,
      ],
      argument:
        c.completes === 'claim-id' || c.completes === 'path' || c.completes === 'text'
          ? c.completes
          : c.completes === 'none'
            ? 'none'
            : 'text',
    })),
    idsCommand: IDS_COMMAND,
  };
}

/** `armru completion SHELL`: the completion script for that shell. */
export async function completionCommand(ctx: CommandContext, shell: Shell): Promise<Outcome> {
  ctx.view.write(completionScript(shell, completionSpec()));
  return { status: 'ok' };
}
