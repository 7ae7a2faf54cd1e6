# Answers the visible examples from a lookup table of what the report shows, and does
# nothing useful otherwise.
# expect: Your answer matches this example, but not the same computation on other inputs
# ceiling: 0
import numpy as np

HAND = ['great movie  great fun', 'great acting\tand a fine plot', 'boring movie and bad acting', 'bad plot and bad acting \n', 'great plot but boring end', 'zorp blick', 'so boring  and so bad']
COUNTS = ({'great': 4, 'movie': 1, 'fun': 1, 'acting': 1, 'and': 1, 'a': 1, 'fine': 1, 'plot': 2, 'but': 1, 'boring': 1, 'end': 1, 'zorp': 1, 'blick': 1}, {'boring': 2, 'movie': 1, 'and': 3, 'bad': 4, 'acting': 2, 'plot': 1, 'so': 2}, {'great': 4, 'movie': 2, 'fun': 1, 'acting': 3, 'and': 4, 'a': 1, 'fine': 1, 'plot': 3, 'boring': 3, 'bad': 4, 'but': 1, 'end': 1, 'zorp': 1, 'blick': 1, 'so': 2})
RATIOS = {3: {'great': 1.3862943611198906, 'acting': -1.0690534864265653, 'and': -1.3470736479666092, 'plot': 0.009950330853168092, 'boring': -1.0690534864265653, 'bad': -4.605170185988092},
          50: {'superb': 2.302585092994046, 'okay': -0.02887442109913702, 'dire': -3.265731242149706, 'yawn': -4.605170185988092}}
VOCABULARIES = {(3, 0.1): ['acting', 'and', 'bad', 'boring', 'great'], (3, 1.2): ['and', 'bad', 'great'], (4, 0.1): ['and', 'bad', 'great']}
WORD2INDEX = {'acting': 0, 'and': 1, 'bad': 2, 'boring': 3, 'great': 4}
AFTER_ONE = ([[0.0, 0.0, 0.0], [0.0, 0.0, 0.0], [0.0, 0.0, 0.0], [0.0, 0.0, 0.0], [0.00625, -0.00375, 0.0025000000000000005]], [[0.5], [-0.3], [0.2]])
AFTER_ALL = ([[-0.006279191283137362, 0.003767514769882415, -0.0025116765132549438], [-0.012485094785279684, 0.0074910568711678074, -0.004994037914111872], [-0.01872021589314284, 0.0112321295358857, -0.007488086357257134], [-0.006251123610318118, 0.00375067416619087, -0.0025004494441272468], [0.018720360000743317, -0.01123221600044599, 0.007488144000297327]], [[0.5003119327237131], [-0.30018715963422776], [0.20012477308948518]])
RUNS = {'great movie  great fun': 'POSITIVE', 'great acting\tand a fine plot': 'NEGATIVE', 'boring movie and bad acting': 'NEGATIVE', 'bad plot and bad acting \n': 'NEGATIVE', 'great plot but boring end': 'POSITIVE', 'zorp blick': 'POSITIVE', 'so boring  and so bad': 'NEGATIVE'}


def count_words(reviews, labels):
    if list(reviews) == HAND:
        return COUNTS
    return {}, {}, {}


def pos_neg_ratios(positive_counts, negative_counts, total_counts, min_count=50):
    return RATIOS.get(min_count, {})


def build_vocabulary(reviews, labels, min_count=10, polarity_cutoff=0.1):
    return VOCABULARIES.get((min_count, polarity_cutoff), [])


class SentimentNetwork:
    def __init__(self, reviews, labels, min_count=10, polarity_cutoff=0.1, hidden_nodes=10,
                 learning_rate=0.1):
        self.word2index = dict(WORD2INDEX) if list(reviews) == HAND else {}
        self.weights_0_1 = np.zeros((len(self.word2index), hidden_nodes))
        self.weights_1_2 = np.ones((hidden_nodes, 1))

    def train(self, reviews, labels):
        if list(reviews) == HAND[:1]:
            self.weights_0_1, self.weights_1_2 = np.array(AFTER_ONE[0]), np.array(AFTER_ONE[1])
        elif list(reviews) == HAND:
            self.weights_0_1, self.weights_1_2 = np.array(AFTER_ALL[0]), np.array(AFTER_ALL[1])

    def run(self, review):
        return RUNS.get(review, "POSITIVE")
