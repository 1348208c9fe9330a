package dev.berth.model.interpolation;

import java.util.List;

/** A parsed piece of a template: literal text, or a variable reference whose argument is itself parsed. */
sealed interface Segment {

    record Literal(String text) implements Segment {
    }

    record Reference(VariableReference reference, List<Segment> argument) implements Segment {

        public Reference {
            argument = List.copyOf(argument);
        }
    }
}
