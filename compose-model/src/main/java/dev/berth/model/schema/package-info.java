/**
 * Schema validation of Compose files: {@link dev.berth.model.schema.SchemaValidator} checks a file's node tree
 * against Berth's own JSON Schema ({@code schemas/compose-spec.json}, draft-07, packaged under
 * {@code dev/berth/model/schema/}) and turns each violation into a located
 * {@link dev.berth.model.problem.Problem} worded the way Compose users know.
 */
package dev.berth.model.schema;
