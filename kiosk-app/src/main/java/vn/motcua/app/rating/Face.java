package vn.motcua.app.rating;

import javafx.scene.Group;
import javafx.scene.paint.Color;
import javafx.scene.shape.Circle;
import javafx.scene.shape.QuadCurveTo;
import javafx.scene.shape.MoveTo;
import javafx.scene.shape.Path;
import javafx.scene.shape.StrokeLineCap;

/** A face drawn with shapes (no emoji font needed): the mouth bends from a smile to a frown along the scale. */
public final class Face extends Group {
    public Face(Level level, double size) {
        double r = size / 2;
        Color fill = switch (level) {
            case VERY_SATISFIED -> Color.web("#1b7f3b");
            case SATISFIED -> Color.web("#4f8f1f");
            case NEUTRAL -> Color.web("#8a6d00");
            case DISSATISFIED -> Color.web("#c05400");
            case VERY_DISSATISFIED -> Color.web("#b71c1c");
        };
        double bend = switch (level) {
            case VERY_SATISFIED -> 1.0;
            case SATISFIED -> 0.55;
            case NEUTRAL -> 0.0;
            case DISSATISFIED -> -0.5;
            case VERY_DISSATISFIED -> -1.0;
        };
        Circle head = new Circle(r, r, r, fill);
        Circle left = new Circle(r * 0.65, r * 0.75, r * 0.11, Color.WHITE);
        Circle right = new Circle(r * 1.35, r * 0.75, r * 0.11, Color.WHITE);
        double y = r * 1.35 - bend * r * 0.12;
        Path mouth = new Path(new MoveTo(r * 0.55, y), new QuadCurveTo(r, y + bend * r * 0.5, r * 1.45, y));
        mouth.setStroke(Color.WHITE);
        mouth.setStrokeWidth(Math.max(3, r * 0.12));
        mouth.setStrokeLineCap(StrokeLineCap.ROUND);
        getChildren().addAll(head, left, right, mouth);
    }
}
