/** What decides the views of a recipe: its task generator and its target's metric. */
export interface RecipeKind {
  readonly task: string;
  readonly target: { readonly metric: string };
}

/** Which views of a trained model fit a recipe. */
export interface RecipeViews {
  /** Fresh examples with ✓/✗: targets scored right or wrong on discrete outputs. */
  readonly examples: boolean;
  /** The generated wave against the true one: targets measured on waves run in closed loop. */
  readonly waves: boolean;
  /** Every hidden unit at every step: any recipe (the sentences model reads its prime). */
  readonly hiddenStates: boolean;
}

const discreteMetrics: readonly string[] = ['accuracy', 'exactMatch', 'worstLengthAccuracy'];

/**
 * The views that fit a recipe: a right-or-wrong mark means something only where outputs are
 * symbols (sentences has its own view), and a wave picture only where the model runs on its own outputs.
 */
export function recipeViewsOf(recipe: RecipeKind): RecipeViews {
  const { metric } = recipe.target;
  return {
    examples: discreteMetrics.includes(metric) && recipe.task !== 'sentences',
    waves: metric === 'closedLoopMse' || (metric === 'mse' && recipe.task === 'waves'),
    hiddenStates: true,
  };
}
